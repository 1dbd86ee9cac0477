namespace LxdScope.Lxd.Raft;

/// <summary>How much a <see cref="RaftProblem"/> matters.</summary>
public enum RaftProblemSeverity
{
    /// <summary>Expected on a live member, e.g. a torn tail in the newest open segment.</summary>
    Note = 1,

    /// <summary>Worth a look, but raft itself would still start.</summary>
    Warning = 2,

    /// <summary>Raft would refuse to start, or entries are lost.</summary>
    Error = 3,
}
