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
    double IntervalSeconds)
{
    /// <summary>Requests the cycle sent on LXD's unix socket; null from agents that do not count them.</summary>
    public long? LxdApiRequests { get; init; }

    /// <summary>Bytes of LXD's API answers the cycle read.</summary>
    public long? LxdApiResponseBytes { get; init; }

    /// <summary>Bytes the cycle read from LXD's files: local.db (whole pages), raft files, cluster.crt.</summary>
    public long? LxdFileBytes { get; init; }
}
