using LxdScope.Lxd.Raft;

namespace LxdScope.Lxd.Forensics;

/// <summary>One member whose place in the raft configuration changed.</summary>
/// <param name="Id">Its raft id (nodes.id since LXD 4.0).</param>
/// <param name="Address">Its cluster address.</param>
/// <param name="Before">Its role before (null: it was not a member).</param>
/// <param name="After">Its role after (null: it was removed).</param>
/// <param name="Name">Its name in the global database's nodes table at that index (matched by address), or null when the database does not name it.</param>
public sealed record MembershipChange(ulong Id, string Address, RaftRole? Before, RaftRole? After, string? Name = null);
