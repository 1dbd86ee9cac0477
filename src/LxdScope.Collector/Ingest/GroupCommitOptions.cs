namespace LxdScope.Collector.Ingest;

/// <summary>How reports arriving together are committed together (configuration section <c>Collector:GroupCommit</c>).</summary>
internal sealed class GroupCommitOptions
{
    /// <summary>
    /// How long the first report of a batch may wait for others before the batch is committed.
    /// Zero: reports are batched only while the previous batch is being written, which is when
    /// they queue anyway.
    /// </summary>
    public TimeSpan MaxWait { get; set; } = TimeSpan.Zero;

    /// <summary>The most reports in one transaction.</summary>
    public int MaxReports { get; set; } = 256;

    internal void Validate(List<string> failures)
    {
        if (MaxWait < TimeSpan.Zero || MaxWait > TimeSpan.FromMilliseconds(100))
        {
            failures.Add($"Collector:GroupCommit:MaxWait must be between 0 and 100 ms (it delays every acknowledgement), not {MaxWait}.");
        }

        if (MaxReports is < 1 or > 10_000)
        {
            failures.Add($"Collector:GroupCommit:MaxReports must be between 1 and 10000, not {MaxReports}.");
        }
    }
}
