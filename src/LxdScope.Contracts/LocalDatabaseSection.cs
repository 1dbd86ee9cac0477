namespace LxdScope.Contracts;

/// <summary>This member's local.db.</summary>
/// <param name="RaftNodes">This member's copy of the raft membership (refreshed by the leader's heartbeats).</param>
/// <param name="LockHeldSeconds">How long the read held local.db's SHARED lock.</param>
public sealed record LocalDatabaseSection(
    int Schema,
    string? ClusterAddress,
    IReadOnlyList<RaftNodeInfo> RaftNodes,
    double LockHeldSeconds);
