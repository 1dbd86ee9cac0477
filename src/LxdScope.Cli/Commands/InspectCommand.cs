using System.CommandLine;
using System.Text.Json;
using LxdScope.Cli.Output;
using LxdScope.Lxd;
using LxdScope.Lxd.Inspection;

namespace LxdScope.Cli.Commands;

internal static class InspectCommand
{
    public static Command Create()
    {
        var lxdDir = CommonOptions.LxdDir();
        var format = new Option<string>("--format")
        {
            Description = "table (default) or json (the documented contract in docs/inspect-json.md).",
            DefaultValueFactory = _ => "table",
        };
        format.AcceptOnlyFromAmong("table", "json");
        var command = new Command("inspect", "One screen on the cluster as this host sees it: members, quorum, raft position, warnings. Answers within 5 s even when LXD does not.")
        {
            lxdDir,
            format,
        };
        command.SetAction(async (parse, ct) =>
        {
            if (CommonOptions.Locate(parse.GetValue(lxdDir)) is not { } dir)
            {
                return ExitCodes.Usage;
            }

            var report = await ClusterInspector.InspectAsync(dir, InspectOptions.Default, TimeProvider.System, ct);
            if (parse.GetValue(format) == "json")
            {
                Console.Out.Write(JsonSerializer.Serialize(report, CliJsonContext.Default.ClusterReport));
                Console.Out.WriteLine();
            }
            else
            {
                Console.Out.Write(InspectTable.Render(report));
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
