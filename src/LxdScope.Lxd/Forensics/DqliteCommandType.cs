namespace LxdScope.Lxd.Forensics;

/// <summary>The type byte of a dqlite FSM command, as stored in a RAFT_COMMAND entry.</summary>
/// <remarks>From canonical/dqlite src/command.h (enum COMMAND_OPEN …).</remarks>
public enum DqliteCommandType
{
    /// <summary>Opens a database; changes nothing.</summary>
    Open = 1,

    /// <summary>WAL frames (page images) of one transaction, or part of one.</summary>
    Frames = 2,

    /// <summary>Drops the frames of an uncommitted transaction.</summary>
    Undo = 3,

    /// <summary>Checkpoint request from older dqlite versions; changes no content.</summary>
    Checkpoint = 4,
}
