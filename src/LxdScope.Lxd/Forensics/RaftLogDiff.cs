namespace LxdScope.Lxd.Forensics;

/// <summary>The rows that differ, per table, between the global database as of two raft indexes.</summary>
/// <param name="Directory">The raft directory read.</param>
/// <param name="FromIndex">The database as of this index …</param>
/// <param name="ToIndex">… against the database as of this one.</param>
/// <param name="Tables">The tables that differ, by name, each with its rows.</param>
/// <param name="Transactions">Transactions between the two.</param>
/// <param name="Warnings">What the operator should know about the files.</param>
public sealed record RaftLogDiff(string Directory, ulong FromIndex, ulong ToIndex, IReadOnlyList<TableChange> Tables, long Transactions, IReadOnlyList<string> Warnings);
