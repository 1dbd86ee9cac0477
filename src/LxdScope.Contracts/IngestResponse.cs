namespace LxdScope.Contracts;

/// <summary>The collector's answer to an accepted report (HTTP 200).</summary>
/// <param name="Duplicate">The sequence number had been acknowledged before: nothing was counted again.</param>
/// <param name="Clamped">The report's timestamps were absurd and were replaced with the collector's time.</param>
public sealed record IngestResponse(string AgentId, long Sequence, bool Duplicate, bool Clamped)
{
    /// <summary>
    /// This agent is the one chosen to send its cluster's global database content; the others
    /// do not, so the global database is read once per cluster rather than once per member.
    /// </summary>
    public bool SendGlobalContent { get; init; }

    /// <summary>
    /// Databases ("local", "global") whose tables the collector wants in full next time: its copy
    /// no longer matches the hashes the agent sent (a report was lost, or the collector is new).
    /// </summary>
    public IReadOnlyList<string> ResendContent { get; init; } = [];
}
