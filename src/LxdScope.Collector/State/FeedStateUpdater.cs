using LxdScope.Collector.Partition;
using LxdScope.Collector.Storage;
using LxdScope.Contracts;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LxdScope.Collector.State;

/// <summary>
/// With a store shared by several collectors, the one path from stored reports to the sink: every
/// report any collector accepted, in the feed's order, so every collector holds the same state
/// and derives the same events. Woken by PostgreSQL notifications and by this collector's own
/// ingest; polls when notifications are lost.
/// </summary>
/// <remarks>
/// With the clusters partitioned among the collectors (<see cref="ClusterOwnership"/>), only the
/// reports of the clusters this collector holds are applied; the others are passed over by the
/// cluster the feed names, unparsed. A cluster taken over is restored from the store's snapshot,
/// taken on this loop, and its reports the snapshot already holds are passed over too.
/// </remarks>
internal sealed partial class FeedStateUpdater(
    IReportFeed feed,
    IReportSink sink,
    ClusterOwnership ownership,
    IOptions<CollectorOptions> options,
    ILogger<FeedStateUpdater> logger) : BackgroundService, IStateUpdater
{
    private const int BatchSize = 500;

    /// <summary>How long an acknowledgement waits for the report to reach this collector's state through the feed.</summary>
    private static readonly TimeSpan ApplyWait = TimeSpan.FromSeconds(2);

    // Reports this collector stored itself, by position: applied without parsing their JSON again.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<long, (AgentReport Report, DateTimeOffset ReceivedAt)> own = new();
    private readonly Lock gate = new();
    // The clusters applied here when partitioned, each with the feed position its restore
    // reflects: reports at or before it are in the restored state already.
    private readonly Dictionary<string, long> held = new(StringComparer.Ordinal);
    private readonly System.Collections.Concurrent.ConcurrentQueue<(string Cluster, bool Take)> handovers = new();
    private long applied = -1;
    private TaskCompletionSource progressed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource wake = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool Follows => true;

    /// <summary>The feed position applied so far (-1 before the start-up restore).</summary>
    public long Applied => Interlocked.Read(ref applied);

    /// <summary>Restores the sink from the store's snapshot and takes its position: called once, before the server listens.</summary>
    /// <returns>The number of agents restored.</returns>
    public int Restore()
    {
        // Partitioned, nothing is held yet: each cluster is restored as its lease is taken.
        var (latest, position) = feed.Snapshot(ownership.Partitioned ? "" : null);
        sink.Restore(latest);
        Advance(position);
        Wake();
        return latest.Count;
    }

    /// <summary>The report reaches the state through the feed, in the order every collector applies it.</summary>
    public void Accepted(AgentReport report, DateTimeOffset receivedAt)
    {
    }

    public Task SettledAsync(AgentReport report, DateTimeOffset receivedAt, long feedPosition, CancellationToken cancellationToken)
    {
        ownership.Saw(report.Cluster);
        return WaitAppliedAsync(report, receivedAt, feedPosition, ApplyWait, cancellationToken);
    }

    /// <summary>This collector now holds the cluster's lease: restore it and apply its reports from now on.</summary>
    public void Take(string cluster)
    {
        handovers.Enqueue((cluster, true));
        Wake();
    }

    /// <summary>This collector no longer holds the cluster's lease: forget it.</summary>
    public void Drop(string cluster)
    {
        handovers.Enqueue((cluster, false));
        Wake();
    }

    /// <summary>
    /// Hands over a report this collector stored at <paramref name="position"/>, then waits until it has reached the sink (so that
    /// an agent, or a test, reading the API after its push sees its report), at most <paramref name="timeout"/>.
    /// </summary>
    /// <returns>False on timeout: the report is stored and will be applied, only later.</returns>
    public async Task<bool> WaitAppliedAsync(AgentReport report, DateTimeOffset receivedAt, long position, TimeSpan timeout, CancellationToken cancellationToken)
    {
        own[position] = (report, receivedAt);
        if (Applied >= position)
        {
            // Applied already, from the feed: nothing will take it out.
            own.TryRemove(position, out _);
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        Wake();
        while (true)
        {
            Task next;
            lock (gate)
            {
                if (applied >= position)
                {
                    return true;
                }

                next = progressed.Task;
            }

            try
            {
                await next.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return false;
            }
        }
    }

    /// <summary>Something was stored: look now rather than at the next notification or poll.</summary>
    public void Wake()
    {
        lock (gate)
        {
            wake.TrySetResult();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var poll = options.Value.Postgres.PollInterval;
        // The listener blocks on its connection; run it beside the loop, not in it.
        var listening = ListenAsync(feed, poll, stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            Task woken;
            lock (gate)
            {
                woken = wake.Task;
            }

            var more = false;
            try
            {
                HandOver();
                more = ApplyBatch(feed);
            }
            catch (StoreUnavailableException e)
            {
                // The state simply stops moving; /readyz says why, and the next round retries.
                LogFollowFailed(logger, e.Message);
            }

            if (more)
            {
                continue;
            }

            try
            {
                await woken.WaitAsync(poll, stoppingToken);
            }
            catch (TimeoutException)
            {
            }
            catch (OperationCanceledException)
            {
                break;
            }

            lock (gate)
            {
                if (wake.Task.IsCompleted)
                {
                    wake = new(TaskCreationOptions.RunContinuationsAsynchronously);
                }
            }
        }

        await listening.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private async Task ListenAsync(IReportFeed source, TimeSpan poll, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await source.WaitForReportsAsync(poll, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            Wake();
        }
    }

    /// <returns>True when a full batch was applied (more may be waiting).</returns>
    private bool ApplyBatch(IReportFeed source)
    {
        var position = Applied;
        if (position < 0)
        {
            return false;
        }

        var batch = source.ReportsAfter(position, BatchSize);
        foreach (var next in batch)
        {
            var mine = own.TryRemove(next.Position, out var stored) ? stored : default;
            if (ownership.Partitioned)
            {
                var cluster = next.Cluster ?? mine.Report?.Cluster ?? next.Parse().Cluster;
                if (!held.TryGetValue(cluster, out var restoredAt) || next.Position <= restoredAt)
                {
                    Advance(next.Position);
                    continue;
                }
            }

            if (mine.Report is not null)
            {
                sink.Apply(mine.Report, mine.ReceivedAt);
            }
            else
            {
                sink.Apply(next.Parse(), next.ReceivedAt);
            }

            Advance(next.Position);
        }

        return batch.Count == BatchSize;
    }

    /// <summary>Clusters taken or given up since the last batch, on this loop so that no batch is applied halfway through one.</summary>
    private void HandOver()
    {
        while (handovers.TryPeek(out var next))
        {
            if (next.Take)
            {
                // Everything at or before the snapshot's position is in it; the feed's later
                // reports of the cluster follow. May throw: the handover stays queued.
                var (latest, position) = feed.Snapshot(next.Cluster);
                sink.Adopt(next.Cluster, latest);
                held[next.Cluster] = position;
            }
            else
            {
                held.Remove(next.Cluster);
                sink.Forget(next.Cluster);
            }

            handovers.TryDequeue(out _);
        }
    }

    private void Advance(long position)
    {
        lock (gate)
        {
            applied = position;
            progressed.TrySetResult();
            progressed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Reports stored by other collectors cannot be read; this collector's state waits: {Reason}")]
    private static partial void LogFollowFailed(ILogger logger, string reason);
}
