namespace LxdScope.Contracts;

/// <summary>The agent's own footprint and delivery state.</summary>
/// <param name="CycleCpuSeconds">CPU time this collection cycle used.</param>
/// <param name="SpoolDepth">Reports waiting on disk for the collector.</param>
/// <param name="SpoolDropped">Reports dropped because the spool was full (oldest first), counted across agent restarts.</param>
public sealed record AgentSelfSection(
    string Version,
    double RssBytes,
    double CpuSecondsTotal,
    double CycleCpuSeconds,
    long SpoolDepth,
    long SpoolDropped,
    double IntervalSeconds);
