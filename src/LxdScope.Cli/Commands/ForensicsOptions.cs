using System.CommandLine;
using LxdScope.Lxd.Forensics;

namespace LxdScope.Cli.Commands;

/// <summary>The options the forensics commands share.</summary>
internal static class ForensicsOptions
{
    public static Option<string?> GlobalDir() => new("--global-dir")
    {
        Description = "A raft directory (or a copy of one) to read instead of <LXD_DIR>/database/global.",
    };

    public static Option<string> Format()
    {
        var format = new Option<string>("--format") { Description = "text or json.", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        return format;
    }

    /// <summary>
    /// Runs <paramref name="read"/> on the raft directory that --global-dir or --lxd-dir names, and
    /// prints its output in the chosen format: usage error when there is none, exit 1 with the
    /// reason when the files refuse to be read.
    /// </summary>
    public static Task<int> ReadGlobalDir(ParseResult parse, Option<string?> lxdDir, Option<string?> globalDir, Func<string, string> read)
    {
        if (ForensicsCommand.ResolveGlobalDir(parse.GetValue(globalDir), parse.GetValue(lxdDir)) is not { } dir)
        {
            return Task.FromResult(ExitCodes.Usage);
        }

        try
        {
            Console.Out.Write(read(dir));
            return Task.FromResult(ExitCodes.Ok);
        }
        catch (RebuildRefusedException e)
        {
            Console.Error.WriteLine($"lxdscope: {e.Message}");
            return Task.FromResult(ExitCodes.Failed);
        }
    }

    public static void Warn(IEnumerable<string> warnings)
    {
        foreach (var warning in warnings)
        {
            Console.Error.WriteLine($"lxdscope: {warning}");
        }
    }
}
