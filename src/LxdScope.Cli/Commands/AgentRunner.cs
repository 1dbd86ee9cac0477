using LxdScope.Agent;
using LxdScope.Lxd;
using Microsoft.Extensions.Logging;

namespace LxdScope.Cli.Commands;

/// <summary>Runs the agent until SIGTERM or SIGINT, logging to stderr (journald picks it up).</summary>
internal static class AgentRunner
{
    public static async Task<int> RunAsync(AgentOptions options, LxdDirectory dir, CancellationToken ct)
    {
        // System.CommandLine turns SIGINT and SIGTERM into cancellation of ct.
        using var logs = LoggerFactory.Create(b => b.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
            o.UseUtcTimestamp = true;
        }).AddFilter("System.Net.Http", LogLevel.Warning));
        try
        {
            await new AgentHost(options, dir, logs, TimeProvider.System).RunAsync(ct);
            return ExitCodes.Ok;
        }
        catch (AgentConfigurationException e)
        {
            await Console.Error.WriteLineAsync($"lxdscope: {e.Message}");
            return ExitCodes.Usage;
        }
    }
}
