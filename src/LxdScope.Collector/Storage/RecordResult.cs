namespace LxdScope.Collector.Storage;

/// <summary>What recording a report did, and which of the agent's databases the mirror needs again in full.</summary>
public readonly record struct RecordResult(IngestOutcome Outcome, IReadOnlyList<string> ResendContent)
{
    /// <summary>The report's position in a shared feed (<see cref="IReportFeed"/>); 0 for a store of one collector.</summary>
    public long FeedPosition { get; init; }

    public static RecordResult Duplicate => new(IngestOutcome.Duplicate, []);
}
