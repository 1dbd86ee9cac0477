using System.CommandLine;
using System.Text.Json;
using LxdScope.Agent;
using LxdScope.Contracts;
using LxdScope.Lxd;
using LxdScope.Lxd.Safety;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

namespace LxdScope.Cli.Commands;

/// <summary><c>lxdscope agent</c>: one per LXD host, collecting and pushing reports to the collector.</summary>
internal static class AgentCommand
{
    public static Command Create()
    {
        var config = new Option<FileInfo?>("--config") { Description = "JSON configuration file (an \"Agent\" section). Environment: LXDSCOPE_Agent__<Key>." };
        var cluster = new Option<string?>("--cluster") { Description = "The cluster name this agent's token was issued for." };
        var collector = new Option<string?>("--collector") { Description = "The collector's base URL, e.g. https://collector:9470; several, comma-separated, preferred first, for collectors sharing one PostgreSQL." };
        var tokenFile = new Option<string?>("--token-file") { Description = "File holding the agent token (never put the token itself on a command line)." };
        var agentId = new Option<string?>("--agent-id") { Description = "Stable agent id (default: host name and machine id)." };
        var interval = new Option<string?>("--interval") { Description = "Collection interval, e.g. 10s (default), 500ms." };
        var spool = new Option<string?>("--spool-dir") { Description = "Where undelivered reports wait (default /var/lib/lxdscope/spool)." };
        var disable = new Option<string?>("--disable") { Description = $"Collectors to switch off, comma-separated: {string.Join(", ", AgentOptions.SourceNames)}." };
        var once = new Option<bool>("--once") { Description = "Collect once, print the report as JSON and exit; sends nothing." };
        var lxdDir = CommonOptions.LxdDir();
        var command = new Command("agent", "Watch this LXD host and push reports to the collector.")
        {
            config, cluster, collector, tokenFile, agentId, interval, lxdDir, spool, disable, once,
        };
        command.SetAction(async (parse, ct) =>
        {
            var flags = new Dictionary<string, string?>
            {
                ["Agent:Cluster"] = parse.GetValue(cluster),
                ["Agent:Collector"] = parse.GetValue(collector),
                ["Agent:TokenFile"] = parse.GetValue(tokenFile),
                ["Agent:AgentId"] = parse.GetValue(agentId),
                ["Agent:Interval"] = parse.GetValue(interval),
                ["Agent:LxdDir"] = CommonOptions.ResolveLxdDir(parse.GetValue(lxdDir)),
                ["Agent:SpoolDirectory"] = parse.GetValue(spool),
                ["Agent:Disable"] = parse.GetValue(disable),
            };
            var builder = new ConfigurationBuilder();
            if (parse.GetValue(config) is { } file)
            {
                if (!file.Exists)
                {
                    await Console.Error.WriteLineAsync($"lxdscope: configuration file {file.FullName} does not exist");
                    return ExitCodes.Usage;
                }

                builder.AddJsonFile(file.FullName, optional: false);
            }

            builder.AddEnvironmentVariables("LXDSCOPE_");
            builder.AddInMemoryCollection(flags.Where(kv => !string.IsNullOrEmpty(kv.Value)));
            AgentOptions options;
            LxdDirectory dir;
            try
            {
                options = AgentOptions.From(builder.Build(), requireCollector: !parse.GetValue(once));
                dir = LxdDirectory.Locate(options.LxdDir);
            }
            catch (Exception e) when (e is AgentConfigurationException or LxdDirectoryNotFoundException or InvalidDataException or FormatException)
            {
                await Console.Error.WriteLineAsync($"lxdscope: {e.Message}");
                return ExitCodes.Usage;
            }
            catch (OutputPathRefusedException e)
            {
                await Console.Error.WriteLineAsync($"lxdscope: {e.Message}");
                return ExitCodes.Refused;
            }

            if (parse.GetValue(once))
            {
                var report = await new AgentHost(options, dir, NullLoggerFactory.Instance, TimeProvider.System).CollectOnceAsync(ct);
                var indented = new ContractJson(new JsonSerializerOptions(ContractJson.Default.Options) { WriteIndented = true });
                Console.Out.WriteLine(JsonSerializer.Serialize(report, indented.AgentReport));
                return report.Collectors.All(c => c.Success) ? ExitCodes.Ok : ExitCodes.Failed;
            }

            return await AgentRunner.RunAsync(options, dir, ct);
        });
        return command;
    }
}
