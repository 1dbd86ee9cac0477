namespace LxdScope.Contracts;

/// <summary>The collector's answer to an accepted report (HTTP 200).</summary>
/// <param name="Duplicate">The sequence number had been acknowledged before: nothing was counted again.</param>
/// <param name="Clamped">The report's timestamps were absurd and were replaced with the collector's time.</param>
public sealed record IngestResponse(string AgentId, long Sequence, bool Duplicate, bool Clamped);
