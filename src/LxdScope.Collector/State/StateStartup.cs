using LxdScope.Collector.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LxdScope.Collector.State;

/// <summary>
/// Opens the store before the server listens (a missing directory or a full disk stops the
/// start with its reason), then restores the state from every agent's latest report so that cluster
/// state survives a restart.
/// </summary>
internal sealed partial class StateStartup(ICollectorStore store, IStateUpdater state, ILogger<StateStartup> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        // The store opens here (its constructor runs on first use), before the server listens.
        _ = store;
        var count = state.Restore();
        LogRestored(logger, count);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Restored the latest reports of {Count} agents")]
    private static partial void LogRestored(ILogger logger, int count);
}
