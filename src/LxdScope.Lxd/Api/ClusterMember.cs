using LxdScope.Lxd.Raft;

namespace LxdScope.Lxd.Api;

/// <summary>One entry of <c>GET /1.0/cluster/members?recursion=1</c>.</summary>
/// <param name="Roles">LXD's role names: database, database-leader, database-standby (and database-voter from 6.7), event-hub, ovn-chassis, …</param>
public sealed record ClusterMember(
    string Name,
    string Url,
    IReadOnlyList<string> Roles,
    string Status,
    string Message,
    string Architecture,
    string FailureDomain,
    bool Database)
{
    /// <summary>host:port, the form used in nodes.address and raft_nodes.address.</summary>
    public string Address => Url.StartsWith("https://", StringComparison.Ordinal) ? Url["https://".Length..] : Url;

    public bool IsLeader => Roles.Contains("database-leader");

    /// <summary>Voters carry "database" (up to LXD 6.6) or "database-voter"/"database-leader" (6.7+).</summary>
    public bool IsVoter => Roles.Contains("database") || Roles.Contains("database-voter") || IsLeader;

    public bool IsStandBy => Roles.Contains("database-standby");

    /// <summary>The raft role LXD's role names imply; every member without a database role is a spare.</summary>
    public RaftRole DatabaseRole => IsVoter ? RaftRole.Voter : IsStandBy ? RaftRole.StandBy : RaftRole.Spare;
}
