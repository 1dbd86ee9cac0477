namespace LxdScope.Collector.Storage;

/// <summary>What recording a report did, and which of the agent's databases the mirror needs again in full.</summary>
public readonly record struct RecordResult(IngestOutcome Outcome, IReadOnlyList<string> ResendContent)
{
    public static RecordResult Duplicate => new(IngestOutcome.Duplicate, []);
}
