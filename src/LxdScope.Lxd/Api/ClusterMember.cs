namespace LxdScope.Lxd.Api;

/// <summary>One entry of <c>GET /1.0/cluster/members?recursion=1</c>, as the version that answered shaped it.</summary>
/// <param name="Roles">
/// LXD's role names (database, database-leader, database-standby, database-voter from 6.7,
/// event-hub, ovn-chassis, control-plane; Incus's database-client), or null when the answer has no
/// <c>roles</c> field at all: LXD before 3.18, where <paramref name="Database"/> alone tells.
/// </param>
/// <param name="Database">
/// Up to 3.17 "this member is in raft_nodes", i.e. a voter; from 3.18 true for every member
/// holding a database role, stand-bys included (lxd/db/node.go ToAPI).
/// </param>
public sealed record ClusterMember(
    string Name,
    string Url,
    IReadOnlyList<string>? Roles,
    string Status,
    string Message,
    string Architecture,
    string FailureDomain,
    bool Database)
{
    /// <summary>host:port, the form used in nodes.address and raft_nodes.address.</summary>
    public string Address => Url.StartsWith("https://", StringComparison.Ordinal) ? Url["https://".Length..] : Url;

    public bool IsLeader => Roles?.Contains(DatabaseRoles.Leader) == true;
}
