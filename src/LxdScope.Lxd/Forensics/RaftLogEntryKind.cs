namespace LxdScope.Lxd.Forensics;

/// <summary>What one line of the raft log timeline is.</summary>
public enum RaftLogEntryKind
{
    /// <summary>FRAMES that commit a transaction: the rows it changed are known.</summary>
    Commit = 1,

    /// <summary>FRAMES of a transaction that a later entry commits (or an UNDO drops).</summary>
    Frames = 2,

    /// <summary>UNDO: the frames held for an uncommitted transaction are dropped.</summary>
    Undo = 3,

    /// <summary>OPEN of a database; changes nothing.</summary>
    Open = 4,

    /// <summary>CHECKPOINT request (older dqlite); changes no content.</summary>
    Checkpoint = 5,

    /// <summary>RAFT_BARRIER: an empty entry a new leader appends.</summary>
    Barrier = 6,

    /// <summary>RAFT_CHANGE: a new membership.</summary>
    Configuration = 7,

    /// <summary>Not an entry: a snapshot on disk covers the log up to here.</summary>
    Snapshot = 8,
}
