using LxdScope.Collector.State;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LxdScope.Collector.Storage;

/// <summary>
/// Opens the store before the server listens (a missing directory or a full disk stops the
/// start with its reason), then gives the sink every agent's latest report so that cluster
/// state survives a restart.
/// </summary>
internal sealed partial class StoreStartup(ICollectorStore store, IReportSink sink, ILogger<StoreStartup> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var latest = store.LatestReports();
        sink.Restore(latest);

        LogRestored(logger, latest.Count);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Restored the latest reports of {Count} agents")]
    private static partial void LogRestored(ILogger logger, int count);
}
