using System.CommandLine;

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

    public static void Warn(IEnumerable<string> warnings)
    {
        foreach (var warning in warnings)
        {
            Console.Error.WriteLine($"lxdscope: {warning}");
        }
    }
}
