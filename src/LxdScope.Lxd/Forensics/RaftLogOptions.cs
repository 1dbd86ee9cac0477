namespace LxdScope.Lxd.Forensics;

/// <summary>Which part of the log to show, and how much of it.</summary>
/// <param name="FromIndex">The first index to show (default: the oldest the files can be replayed from).</param>
/// <param name="ToIndex">The last index to show (default: the last entry on disk).</param>
/// <param name="Table">Only transactions that changed this table.</param>
/// <param name="Rows">Include the changed rows themselves, old and new values.</param>
public sealed record RaftLogOptions(ulong? FromIndex = null, ulong? ToIndex = null, string? Table = null, bool Rows = false);
