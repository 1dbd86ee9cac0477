using System.Threading.Channels;
using LxdScope.Collector.State;
using LxdScope.Collector.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LxdScope.Collector.Ingest;

/// <summary>
/// Group commit: reports that arrive while a transaction is being made durable wait for the next
/// one, so one fsync acknowledges many. One thread writes, in arrival order, and hands each
/// accepted report to the state before its sender is answered: an agent's reports reach the
/// state in the order the store accepted them, and "pushed, then read the API" sees the push.
/// </summary>
internal sealed partial class ReportCommitter : IDisposable
{
    private readonly Channel<Entry> queue;
    private readonly ICollectorStore store;
    private readonly IStateUpdater state;
    private readonly GroupCommitOptions settings;
    private readonly ILogger<ReportCommitter> logger;
    private readonly Thread writer;

    public ReportCommitter(ICollectorStore store, IStateUpdater state, IOptions<CollectorOptions> options, ILogger<ReportCommitter> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.store = store;
        this.state = state;
        this.logger = logger;
        settings = options.Value.GroupCommit;
        // Bounded: past a few batches' worth, senders wait for room instead of piling up memory.
        queue = Channel.CreateBounded<Entry>(new BoundedChannelOptions(settings.MaxReports * 4) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
        writer = new Thread(Run) { IsBackground = true, Name = "report commits" };
        writer.Start();
    }

    /// <summary>Records the report with whatever else is waiting, and returns once that transaction is durable and the report is in the state.</summary>
    /// <exception cref="StoreUnavailableException">The database cannot be written.</exception>
    public async Task<RecordResult> RecordAsync(PendingReport report, CancellationToken cancellationToken)
    {
        var entry = new Entry(report);
        await queue.Writer.WriteAsync(entry, cancellationToken);
        // Once queued it is committed or refused whatever the sender does: wait for the outcome.
        return await entry.Outcome.Task;
    }

    public void Dispose()
    {
        queue.Writer.TryComplete();
        writer.Join();
    }

    private void Run()
    {
        var batch = new List<Entry>(settings.MaxReports);
        while (Fill(batch))
        {
            Commit(batch);
            batch.Clear();
        }
    }

    /// <returns>False once the queue is completed and empty.</returns>
    private bool Fill(List<Entry> batch)
    {
        var reader = queue.Reader;
        if (!reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            return false;
        }

        Drain(batch);
        if (settings.MaxWait > TimeSpan.Zero)
        {
            var deadline = Environment.TickCount64 + (long)settings.MaxWait.TotalMilliseconds;
            while (batch.Count < settings.MaxReports && Environment.TickCount64 < deadline)
            {
                var more = reader.WaitToReadAsync().AsTask();
                if (!more.Wait(TimeSpan.FromMilliseconds(Math.Max(1, deadline - Environment.TickCount64))) || !more.Result)
                {
                    break;
                }

                Drain(batch);
            }
        }

        return true;
    }

    private void Drain(List<Entry> batch)
    {
        while (batch.Count < settings.MaxReports && queue.Reader.TryRead(out var entry))
        {
            batch.Add(entry);
        }
    }

    private void Commit(List<Entry> batch)
    {
        IReadOnlyList<RecordResult> results;
        try
        {
            results = store.RecordAll(batch.Select(e => e.Report).ToList());
        }
        catch (StoreUnavailableException e)
        {
            foreach (var entry in batch)
            {
                entry.Outcome.TrySetException(e);
            }

            return;
        }
        catch (Exception) when (batch.Count > 1)
        {
            // A report that fails for itself must not take the others down: alone, each one
            // meets its own outcome.
            foreach (var entry in batch)
            {
                Commit([entry]);
            }

            return;
        }
        catch (Exception e)
        {
            batch[0].Outcome.TrySetException(e);
            return;
        }

        for (var i = 0; i < batch.Count; i++)
        {
            if (results[i].Outcome == IngestOutcome.Accepted)
            {
                Apply(batch[i].Report);
            }

            batch[i].Outcome.TrySetResult(results[i]);
        }
    }

    private void Apply(PendingReport report)
    {
        try
        {
            state.Accepted(report.Report, report.ReceivedAt);
        }
        catch (Exception e) when (e is StoreUnavailableException or InvalidOperationException)
        {
            // Stored and durable: the agent must not resend it. The state catches up from the
            // next report or the restart.
            LogStateFailed(logger, report.Report.AgentId, e.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Report of agent {AgentId} stored but not applied to the state: {Reason}")]
    private static partial void LogStateFailed(ILogger logger, string agentId, string reason);

    private sealed class Entry(PendingReport report)
    {
        public PendingReport Report { get; } = report;

        public TaskCompletionSource<RecordResult> Outcome { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
