namespace LxdScope.Collector.Storage;

/// <summary>
/// A store shared by several collectors: every accepted report, whichever collector stored it,
/// in one global order, so that each collector derives the same state from the same stream.
/// </summary>
internal interface IReportFeed
{
    /// <summary>Every agent's latest report (only <paramref name="cluster"/>'s when named) and the feed position they reflect, read in one snapshot.</summary>
    (IReadOnlyList<StoredReport> Latest, long Position) Snapshot(string? cluster = null);

    /// <summary>Reports stored after <paramref name="position"/>, in feed order.</summary>
    IReadOnlyList<FeedReport> ReportsAfter(long position, int limit);

    /// <summary>Returns when another report may have been stored, or after <paramref name="timeout"/>.</summary>
    Task WaitForReportsAsync(TimeSpan timeout, CancellationToken cancellationToken);
}
