namespace LxdScope.Collector.State;

/// <summary>
/// One cluster as the collector understands it from all its agents: the answer to "which member,
/// since when, why". Served by /api/v1/clusters/{name} and turned into metrics.
/// </summary>
/// <param name="Source">"global": from the cluster database as an agent read it (<see cref="GlobalAgeSeconds"/> ago);
/// "last-known": no agent can read it now, members are from the last view and their state from agents' probes;
/// "agents": there has never been a global view, members come from raft configurations.</param>
public sealed record ClusterStatus(
    string Name,
    DateTimeOffset EvaluatedAt,
    string Source,
    double? GlobalAgeSeconds,
    string? GlobalFromAgent,
    double OfflineThresholdSeconds,
    IReadOnlyList<MemberView> Members,
    QuorumView Quorum,
    IReadOnlyList<ReachabilityEdge> Reachability,
    IReadOnlyList<AgentView> Agents,
    InventoryView? Inventory,
    IReadOnlyList<string> Warnings)
{
    /// <summary>"lxd" or "incus", from the cluster database view in use (null before any agent read it).</summary>
    public string? Product { get; init; }

    /// <summary>The daemon's version (<c>environment.server_version</c>) as the agent that read that view saw it.</summary>
    public string? Version { get; init; }

    /// <summary>The fan matrix from the agents' fan sections (served by /api/v1/clusters/{name}/fan, not in the cluster document).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyList<FanEdge> Fan { get; init; } = [];

    /// <summary>Each reporting member's fan capture counters.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyList<FanCapture> FanCaptures { get; init; } = [];
}
