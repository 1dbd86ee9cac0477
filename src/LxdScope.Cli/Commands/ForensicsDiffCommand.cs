using System.CommandLine;
using LxdScope.Cli.Output;
using LxdScope.Lxd.Forensics;

namespace LxdScope.Cli.Commands;

/// <summary><c>lxdscope forensics diff</c>: the rows that differ, per table, between the global database at two raft indexes.</summary>
internal static class ForensicsDiffCommand
{
    public static Command Create()
    {
        var lxdDir = CommonOptions.LxdDir();
        var globalDir = ForensicsOptions.GlobalDir();
        var from = new Option<ulong>("--from-index") { Description = "The database as of this index …", Required = true };
        var to = new Option<ulong>("--to-index") { Description = "… against the database as of this one.", Required = true };
        var rows = new Option<bool>("--rows") { Description = "Print the rows themselves, old and new values." };
        var format = ForensicsOptions.Format();
        var command = new Command("diff", "The rows that differ, per table, between the global database as of two raft indexes (read from a member's files).")
        {
            lxdDir, globalDir, from, to, rows, format,
        };
        command.SetAction((parse, ct) => ForensicsOptions.ReadGlobalDir(parse, lxdDir, globalDir, dir =>
        {
            var diff = RaftLog.Diff(dir, parse.GetValue(from), parse.GetValue(to), parse.GetValue(rows), ct);
            ForensicsOptions.Warn(diff.Warnings);
            return parse.GetValue(format) == "json" ? RaftLogJson.Render(diff) : RaftLogText.Render(diff);
        }));
        return command;
    }
}
