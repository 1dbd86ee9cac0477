namespace LxdScope.Lxd.Raft;

/// <summary>One member of a raft configuration.</summary>
/// <param name="Id">The raft id. Since LXD 4.0 it equals nodes.id; on older clusters match members by address.</param>
/// <param name="Address">The member's cluster address, e.g. "10.0.0.1:8443". "1" is the pre-clustering placeholder.</param>
/// <param name="Role">The member's raft role.</param>
public sealed record RaftServer(ulong Id, string Address, RaftRole Role);
