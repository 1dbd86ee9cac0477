namespace LxdScope.Lxd.Inspection;

/// <param name="Term">This member's current raft term (from its metadata files).</param>
/// <param name="LastIndex">Index of the last valid entry in this member's raft log.</param>
/// <param name="Quorum">Whether more than half of the voters are alive.</param>
/// <param name="QuorumBasis">How quorum was judged: the database answering, or voters reachable over TCP.</param>
/// <param name="Leader">Name of the database leader, when LXD said.</param>
/// <param name="UnreachableVoters">Voters whose cluster address refused or ignored a TCP connection.</param>
public sealed record RaftReport(
    ulong? Term,
    ulong? LastIndex,
    ulong? LastTerm,
    int Voters,
    int VotersOnline,
    bool Quorum,
    string QuorumBasis,
    int FailureTolerance,
    string? Leader,
    string? ThisMemberRole,
    IReadOnlyList<string> UnreachableVoters);
