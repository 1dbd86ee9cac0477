namespace LxdScope.Lxd.Global;

/// <summary>A row of the global nodes table, version differences already smoothed out.</summary>
/// <param name="Heartbeat">Written by the database leader for members that answered its last round; null if unparseable.</param>
/// <param name="StateCode">nodes.state (0 created, 1 pending, 2 evacuated; Incus adds 3 evacuating, 4 restoring) or nodes.pending before schema 49.</param>
/// <param name="Roles">LXD-specific roles from nodes_roles (event-hub, ovn-chassis, …); database roles come from raft.</param>
public sealed record GlobalMember(
    long Id,
    string Name,
    string Address,
    int Schema,
    int ApiExtensions,
    DateTimeOffset? Heartbeat,
    int StateCode,
    int Arch,
    string? FailureDomain,
    IReadOnlyList<string> Roles);
