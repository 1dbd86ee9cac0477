using System.CommandLine;
using System.Globalization;
using LxdScope.Lxd;
using LxdScope.Lxd.Forensics;
using LxdScope.Lxd.Safety;

namespace LxdScope.Cli.Commands;

/// <summary>
/// <c>lxdscope forensics</c>: offline work on dqlite's raft files when LXD cannot answer —
/// rebuild the global database, read the log as a timeline, diff two indexes, and choose the member to recover quorum from.
/// </summary>
internal static class ForensicsCommand
{
    public static Command Create() => new("forensics", "Offline forensics of LXD's dqlite files (read-only).")
    {
        CreateRebuild(),
        ForensicsLogCommand.Create(),
        ForensicsDiffCommand.Create(),
        RecoveryPlanCommand.Create(),
    };

    private static Command CreateRebuild()
    {
        var lxdDir = CommonOptions.LxdDir();
        var globalDir = ForensicsOptions.GlobalDir();
        var upto = new Option<ulong?>("--upto-index") { Description = "Rebuild the database as of this raft index (default: the last valid entry)." };
        var output = new Option<string>("--output", "-o") { Description = "The SQLite file to write.", Required = true };
        var command = new Command(
            "rebuild",
            "Rebuild the global database as a plain SQLite file from the newest snapshot and the raft log, without touching LXD's files.")
        {
            lxdDir, globalDir, upto, output,
        };
        command.SetAction((parse, ct) =>
        {
            // Checked before anything else: with LXD down, this is typed in a hurry.
            var explicitLxdDir = CommonOptions.ResolveLxdDir(parse.GetValue(lxdDir));
            try
            {
                OutputPathGuard.Check(parse.GetValue(output)!, "--output", [explicitLxdDir, parse.GetValue(globalDir)]);
            }
            catch (OutputPathRefusedException e)
            {
                Console.Error.WriteLine($"lxdscope: {e.Message}");
                return Task.FromResult(ExitCodes.Refused);
            }

            if (ResolveGlobalDir(parse.GetValue(globalDir), parse.GetValue(lxdDir)) is not { } dir)
            {
                return Task.FromResult(ExitCodes.Usage);
            }

            return Task.FromResult(Rebuild(dir, parse.GetValue(output)!, parse.GetValue(upto), ct));
        });
        return command;
    }

    /// <summary>The raft directory from --global-dir, else the LXD directory's database/global; null (reason on stderr) if none.</summary>
    public static string? ResolveGlobalDir(string? globalDir, string? lxdDir)
    {
        if (!string.IsNullOrEmpty(globalDir))
        {
            return globalDir;
        }

        return CommonOptions.Locate(lxdDir)?.GlobalDirectory;
    }

    private static int Rebuild(string globalDir, string output, ulong? upto, CancellationToken ct)
    {
        try
        {
            var result = GlobalRebuild.Run(globalDir, output, upto, ct);
            ForensicsOptions.Warn(result.Warnings);

            Console.Out.WriteLine(Describe(result));
            return ExitCodes.Ok;
        }
        catch (RebuildRefusedException e)
        {
            Console.Error.WriteLine($"lxdscope: {e.Message}");
            return ExitCodes.Failed;
        }
        catch (OutputPathRefusedException e)
        {
            Console.Error.WriteLine($"lxdscope: {e.Message}");
            return ExitCodes.Refused;
        }
        catch (IOException e)
        {
            Console.Error.WriteLine($"lxdscope: cannot write {output}: {e.Message}");
            return ExitCodes.Failed;
        }
    }

    public static string Describe(RebuildResult result)
    {
        var start = result.SnapshotFile is { } snapshot
            ? $"snapshot {snapshot} (index {result.SnapshotIndex})"
            : "the first log entry";
        return string.Create(
            CultureInfo.InvariantCulture,
            $"wrote {result.OutputPath}: {result.AsOf}; started from {start}, replayed {result.EntriesReplayed} entries ({result.TransactionsApplied} transactions); {result.PageCount} pages");
    }
}
