namespace LxdScope.Lxd.Forensics;

/// <summary>A decoded dqlite FSM command.</summary>
/// <param name="Type">What the command does.</param>
/// <param name="Filename">The database it is about ("db.bin" for LXD's global database); empty for undo.</param>
/// <param name="TxId">The transaction id (frames and undo), 0 otherwise.</param>
/// <param name="Frames">The frames of a FRAMES command, null for the other types.</param>
public sealed record DqliteCommand(DqliteCommandType Type, string Filename, ulong TxId, DqliteFrames? Frames);
