namespace LxdScope.Lxd.Raft;

public enum RaftRole
{
    Voter,
    StandBy,
    Spare,
}
