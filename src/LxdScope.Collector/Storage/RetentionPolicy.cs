using Microsoft.Extensions.Logging;

namespace LxdScope.Collector.Storage;

/// <summary>
/// When a store deletes old rows: once at start and after every <c>interval</c> accepted reports.
/// A failed deletion is logged, not thrown: it runs after a report was committed, and failing that
/// request would make the agent resend a report that is already stored. Old rows stay until the
/// next attempt.
/// </summary>
internal sealed partial class RetentionPolicy(TimeSpan retention, int interval, TimeProvider time, string target, ILogger logger)
{
    private int recordsSince;

    /// <summary>Unix milliseconds: rows older than the retention go.</summary>
    public long Cutoff() => CutoffFor(retention);

    /// <summary>Unix milliseconds: what is kept for <paramref name="keep"/> only goes when older than this.</summary>
    public long CutoffFor(TimeSpan keep) => (time.GetUtcNow() - keep).ToUnixTimeMilliseconds();

    /// <summary>Runs <paramref name="apply"/> once when <paramref name="results"/> hold the interval's accepted report.</summary>
    public void AfterRecord(IReadOnlyList<RecordResult> results, Func<int> apply)
    {
        var accepted = results.Count(r => r.Outcome == IngestOutcome.Accepted);
        if (accepted == 0)
        {
            return;
        }

        var after = Interlocked.Add(ref recordsSince, accepted);
        if (after / interval != (after - accepted) / interval)
        {
            apply();
        }
    }

    /// <returns>What <paramref name="delete"/> returned, or 0 when the database refused.</returns>
    public int Apply(Func<int> delete)
    {
        try
        {
            return delete();
        }
        catch (StoreUnavailableException e)
        {
            LogRetentionFailed(logger, target, e.Message);
            return 0;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Deleting old rows from {Target} failed; they stay until the next attempt: {Reason}")]
    private static partial void LogRetentionFailed(ILogger logger, string target, string reason);
}
