using System.Runtime.InteropServices;
using LxdScope.Agent;
using LxdScope.Lxd;
using Microsoft.Extensions.Logging;

namespace LxdScope.Cli.Commands;

/// <summary>Runs the agent until SIGTERM or SIGINT, logging to stderr (journald picks it up).</summary>
internal static class AgentRunner
{
    public static async Task<int> RunAsync(AgentOptions options, LxdDirectory dir, CancellationToken ct)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c =>
        {
            c.Cancel = true;
            stop.Cancel();
        });
        using var logs = LoggerFactory.Create(b => b.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
            o.UseUtcTimestamp = true;
        }).AddFilter("System.Net.Http", LogLevel.Warning));
        try
        {
            await new AgentHost(options, dir, logs, TimeProvider.System).RunAsync(stop.Token);
            return ExitCodes.Ok;
        }
        catch (AgentConfigurationException e)
        {
            await Console.Error.WriteLineAsync($"lxdscope: {e.Message}");
            return ExitCodes.Usage;
        }
    }
}
