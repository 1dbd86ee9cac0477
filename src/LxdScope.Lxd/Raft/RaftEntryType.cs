namespace LxdScope.Lxd.Raft;

/// <summary>The type byte of a raft log entry; the values are the on-disk ones.</summary>
/// <remarks>From canonical/dqlite src/raft.h (enum raft_entry_type).</remarks>
public enum RaftEntryType
{
    /// <summary>RAFT_COMMAND: a dqlite FSM command (open, frames, undo, checkpoint).</summary>
    Command = 1,

    /// <summary>RAFT_BARRIER: an empty entry a new leader appends to commit earlier ones.</summary>
    Barrier = 2,

    /// <summary>RAFT_CHANGE: a new membership configuration.</summary>
    Change = 3,
}
