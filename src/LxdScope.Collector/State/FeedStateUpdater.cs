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
internal sealed partial class FeedStateUpdater(
    IReportFeed feed,
    IReportSink sink,
    IOptions<CollectorOptions> options,
    ILogger<FeedStateUpdater> logger) : BackgroundService, IStateUpdater
{
    private const int BatchSize = 500;

    /// <summary>How long an acknowledgement waits for the report to reach this collector's state through the feed.</summary>
    private static readonly TimeSpan ApplyWait = TimeSpan.FromSeconds(2);

    // Reports this collector stored itself, by position: applied without parsing their JSON again.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<long, (AgentReport Report, DateTimeOffset ReceivedAt)> own = new();
    private readonly Lock gate = new();
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
        var (latest, position) = feed.Snapshot();
        sink.Restore(latest);
        Advance(position);
        Wake();
        return latest.Count;
    }

    /// <summary>The report reaches the state through the feed, in the order every collector applies it.</summary>
    public void Accepted(AgentReport report, DateTimeOffset receivedAt)
    {
    }

    public Task SettledAsync(AgentReport report, DateTimeOffset receivedAt, long feedPosition, CancellationToken cancellationToken) =>
        WaitAppliedAsync(report, receivedAt, feedPosition, ApplyWait, cancellationToken);

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
            if (own.TryRemove(next.Position, out var mine))
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
