namespace LxdScope.Contracts;

/// <summary>This member's database/global directory, read without LXD.</summary>
/// <param name="Term">Current term (metadata).</param>
/// <param name="LastIndex">Index of the last valid log entry; with <paramref name="LastTerm"/> it decides which member to recover from.</param>
/// <param name="Errors">Problems raft would refuse to start with (checksum failures, gaps).</param>
/// <param name="Warnings">Problems worth a look (torn tails in closed segments, missing .meta).</param>
/// <param name="DiskFreeBytes">Free space on the file system holding the directory.</param>
public sealed record RaftFilesSection(
    ulong? Term,
    ulong? LastIndex,
    ulong? LastTerm,
    int ClosedSegments,
    int OpenSegments,
    int Snapshots,
    ulong? SnapshotIndex,
    IReadOnlyList<RaftServerInfo> Configuration,
    IReadOnlyList<string> Errors,
    IReadOnlyList<string> Warnings,
    long? DiskFreeBytes);
