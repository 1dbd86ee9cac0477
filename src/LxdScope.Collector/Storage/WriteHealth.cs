using Microsoft.Extensions.Logging;

namespace LxdScope.Collector.Storage;

/// <summary>
/// Whether a store can take reports, as the last write found it: a full disk or a read-only
/// standby still answers reads, so a read alone would call ready a store that cannot take a
/// single report. A write failure stands until a report is accepted again.
/// </summary>
/// <param name="target">Where the database is, for the log (never a password).</param>
internal sealed partial class WriteHealth(string target, ILogger logger)
{
    private volatile string? failure;

    public IReadOnlyList<RecordResult> Record(Func<IReadOnlyList<RecordResult>> write)
    {
        IReadOnlyList<RecordResult> results;
        try
        {
            results = write();
        }
        catch (StoreUnavailableException e)
        {
            failure = e.Message;
            throw;
        }

        // A duplicate wrote nothing: only a report accepted proves the database takes writes again.
        if (results.Any(r => r.Outcome == IngestOutcome.Accepted))
        {
            failure = null;
        }

        return results;
    }

    /// <param name="probe">A trivial read: null when it answered, else why not.</param>
    public async Task<bool> IsReadyAsync(Func<Task<string?>> probe)
    {
        if (failure is { } last)
        {
            LogNotReady(logger, target, "the last write failed: " + last);
            return false;
        }

        if (await probe() is { } reason)
        {
            // Not ready is the answer here; the cause is for the operator's log.
            LogNotReady(logger, target, reason);
            return false;
        }

        return true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Collector database {Target} is not ready: {Reason}")]
    private static partial void LogNotReady(ILogger logger, string target, string reason);
}
