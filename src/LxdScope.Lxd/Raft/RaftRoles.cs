namespace LxdScope.Lxd.Raft;

/// <summary>
/// Two numberings exist: go-dqlite's (LXD's raft_nodes.role: voter 0, stand-by 1, spare 2) and
/// C raft's on disk (RAFT_STANDBY 0, RAFT_VOTER 1, RAFT_SPARE 2). Mixing them swaps voters and stand-bys.
/// </summary>
public static class RaftRoles
{
    public static RaftRole? FromGoDqlite(long value) => value switch
    {
        0 => RaftRole.Voter,
        1 => RaftRole.StandBy,
        2 => RaftRole.Spare,
        _ => null,
    };

    public static RaftRole? FromCRaft(byte value) => value switch
    {
        0 => RaftRole.StandBy,
        1 => RaftRole.Voter,
        2 => RaftRole.Spare,
        _ => null,
    };

    public static string ToDisplay(this RaftRole role) => role switch
    {
        RaftRole.Voter => "voter",
        RaftRole.StandBy => "stand-by",
        _ => "spare",
    };
}
