using LxdScope.Lxd.Raft;

namespace LxdScope.Lxd.Local;

/// <summary>A row of local.db's raft_nodes: this member's last-heard copy of the raft membership.</summary>
/// <param name="Role">Voter for every row before local schema 39, which is what LXD assumed then.</param>
/// <param name="Name">Empty before local schema 42.</param>
public sealed record LocalRaftNode(long Id, string Address, RaftRole Role, string Name);
