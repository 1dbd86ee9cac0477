using System.CommandLine;
using LxdScope.Cli.Output;
using LxdScope.Lxd.Forensics;

namespace LxdScope.Cli.Commands;

/// <summary>
/// <c>lxdscope forensics log</c>: a member's raft log as a timeline — every entry, and for each
/// transaction the tables it changed and how many rows it inserted, deleted and updated.
/// </summary>
internal static class ForensicsLogCommand
{
    public static Command Create()
    {
        var lxdDir = CommonOptions.LxdDir();
        var globalDir = ForensicsOptions.GlobalDir();
        var from = new Option<ulong?>("--from-index") { Description = "The first index to show (default: the oldest the files can be replayed from)." };
        var to = new Option<ulong?>("--to-index") { Description = "The last index to show (default: the last entry on disk)." };
        var table = new Option<string?>("--table") { Description = "Only the transactions that changed this table." };
        var rows = new Option<bool>("--rows") { Description = "Print the changed rows themselves, old and new values." };
        var format = ForensicsOptions.Format();
        var command = new Command(
            "log",
            "The raft log of a member's files as a timeline: index, term, entry type, database; for each transaction the tables it changed and the rows inserted, deleted and updated; membership changes and snapshots where they happened.")
        {
            lxdDir, globalDir, from, to, table, rows, format,
        };
        command.SetAction((parse, ct) => ForensicsOptions.ReadGlobalDir(parse, lxdDir, globalDir, dir =>
        {
            var log = RaftLog.Read(dir, new RaftLogOptions(parse.GetValue(from), parse.GetValue(to), parse.GetValue(table), parse.GetValue(rows)), ct);
            ForensicsOptions.Warn(log.Warnings);
            if (log.StopReason is { } stop)
            {
                Console.Error.WriteLine($"lxdscope: the log ends before index {log.ToIndex}: {stop}");
            }

            return parse.GetValue(format) == "json" ? RaftLogJson.Render(log) : RaftLogText.Render(log);
        }));
        return command;
    }
}
