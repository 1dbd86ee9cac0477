namespace LxdScope.Lxd.Forensics;

/// <summary>One database held in a dqlite snapshot.</summary>
/// <param name="Filename">Its name in dqlite's VFS ("db.bin" for LXD's global database).</param>
/// <param name="Main">The raw SQLite main file.</param>
/// <param name="Wal">The raw SQLite WAL (committed frames only), possibly empty.</param>
public sealed record SnapshotDatabase(string Filename, ReadOnlyMemory<byte> Main, ReadOnlyMemory<byte> Wal);
