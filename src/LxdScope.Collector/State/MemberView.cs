namespace LxdScope.Collector.State;

/// <param name="State">ONLINE, OFFLINE, EVACUATED, EVACUATING, RESTORING, BLOCKED, PENDING (LXD's rules on the global view), or REACHABLE / UNREACHABLE (from agents' probes when no agent can read the database).</param>
/// <param name="Verdict">The judge's verdict this view was laid out from: states and roles as enums, for everything but the JSON.</param>
/// <param name="RaftTerm">The member's raft position, from its own agent's reading of its files.</param>
public sealed record MemberView(
    string Name,
    string Address,
    IReadOnlyList<string> Roles,
    string? DatabaseRole,
    string State,
    string Message,
    double? HeartbeatAgeSeconds,
    int? Schema,
    int? ApiExtensions,
    string? Architecture,
    string? FailureDomain,
    string? LxdVersion,
    ulong? RaftTerm,
    ulong? RaftLastIndex,
    ulong? RaftLastTerm,
    int RaftLogErrors,
    long? RaftDiskFreeBytes,
    IReadOnlyList<string> RaftNodesDisagreements,
    string? AgentId,
    bool AgentUp,
    [property: System.Text.Json.Serialization.JsonIgnore] LxdScope.Lxd.Health.MemberVerdict Verdict);
