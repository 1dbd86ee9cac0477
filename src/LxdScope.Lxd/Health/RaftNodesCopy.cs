using LxdScope.Lxd.Local;

namespace LxdScope.Lxd.Health;

/// <summary>One member's local raft_nodes, the copy of the membership the leader's heartbeats refresh.</summary>
/// <param name="Member">Whose copy it is, when known.</param>
/// <param name="Schema">local.db's schema: before 39 raft_nodes lists only the voters (LXD 3.x).</param>
public sealed record RaftNodesCopy(string? Member, int Schema, IReadOnlyList<LocalRaftNode> Nodes)
{
    /// <summary>updateFromV38 added raft_nodes.role (LXD 3.20); before it every row was a voter and nobody else was listed.</summary>
    public bool ListsOnlyVoters => Schema < 39;
}
