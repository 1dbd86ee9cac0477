using System.Text.Json;
using LxdScope.Collector.Clusters;
using LxdScope.Collector.State;
using LxdScope.Collector.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LxdScope.Collector.Partition;

/// <summary>
/// Holds this collector's share of the clusters: a lease round every third of the lease time, and
/// at once when a report of a cluster nobody holds arrives. What the round gains is restored from
/// the store and followed from then on; what it loses is forgotten here (another collector judges
/// it now). Leases it cannot renew for a whole lease time it gives up, since another collector
/// may hold them by then. A clean stop releases them, so the others take over at once.
/// </summary>
internal sealed partial class LeaseKeeper(
    IClusterLeases leases,
    ClusterOwnership ownership,
    FeedStateUpdater updater,
    ClusterRegistry registry,
    IOptions<CollectorOptions> options,
    ILogger<LeaseKeeper> logger) : BackgroundService
{
    private readonly TimeSpan leaseTime = options.Value.Postgres.Partition.LeaseTime;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var self = ownership.Self!;
        var renewedAt = System.Diagnostics.Stopwatch.GetTimestamp();
        while (!stoppingToken.IsCancellationRequested)
        {
            LeaseRound? round = null;
            try
            {
                round = leases.LeaseRound(self, ownership.Wanted(2 * leaseTime), Summaries(), leaseTime);
                renewedAt = System.Diagnostics.Stopwatch.GetTimestamp();
            }
            catch (StoreUnavailableException e)
            {
                LogRoundFailed(logger, e.Message);
                if (System.Diagnostics.Stopwatch.GetElapsedTime(renewedAt) >= leaseTime)
                {
                    round = new LeaseRound(new HashSet<string>(), []);
                }
            }

            if (round is not null)
            {
                var (gained, lost) = ownership.Update(round);
                foreach (var cluster in gained)
                {
                    LogGained(logger, cluster);
                    updater.Take(cluster);
                }

                foreach (var cluster in lost)
                {
                    LogLost(logger, cluster);
                    updater.Drop(cluster);
                }
            }

            try
            {
                await ownership.WaitAskedAsync(leaseTime / 3, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            var released = leases.ReleaseLeases(ownership.Self!);
            LogReleased(logger, released);
        }
        catch (StoreUnavailableException e)
        {
            // They run out on their own within a lease time.
            LogRoundFailed(logger, e.Message);
        }
    }

    private Dictionary<string, byte[]> Summaries()
    {
        var summaries = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var cluster in ownership.Owned())
        {
            if (registry.Status(cluster) is { } status)
            {
                summaries[cluster] = JsonSerializer.SerializeToUtf8Bytes(ClusterSummary.From(status), ClustersJson.Default.ClusterSummary);
            }
        }

        return summaries;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Cluster {Cluster}: this collector holds its lease now and judges it")]
    private static partial void LogGained(ILogger logger, string cluster);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cluster {Cluster}: its lease is no longer this collector's; another collector judges it")]
    private static partial void LogLost(ILogger logger, string cluster);

    [LoggerMessage(Level = LogLevel.Information, Message = "Released {Count} cluster leases for the other collectors")]
    private static partial void LogReleased(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "The cluster leases cannot be renewed: {Reason}")]
    private static partial void LogRoundFailed(ILogger logger, string reason);
}
