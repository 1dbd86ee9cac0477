using LxdScope.Lxd.Raft;

namespace LxdScope.Lxd.Forensics;

/// <summary>A member's raft log, read from its files, as a timeline of what changed.</summary>
/// <param name="Directory">The raft directory read.</param>
/// <param name="StartIndex">The index the database image was taken at before the first line (0: empty, the log from its first entry).</param>
/// <param name="StartTerm">The term at <see cref="StartIndex"/>.</param>
/// <param name="StartSnapshot">The snapshot that image came from, or null.</param>
/// <param name="StartMembership">The membership at <see cref="StartIndex"/> (the snapshot's), or null.</param>
/// <param name="FromIndex">The first index shown.</param>
/// <param name="ToIndex">The last index asked for.</param>
/// <param name="LastIndexOnDisk">The last index in the directory.</param>
/// <param name="Entries">The lines, in index order.</param>
/// <param name="Warnings">What the operator should know about the files.</param>
/// <param name="StopReason">Why reading stopped before <see cref="ToIndex"/> (damage, a torn tail), or null.</param>
public sealed record RaftLogTimeline(
    string Directory,
    ulong StartIndex,
    ulong StartTerm,
    string? StartSnapshot,
    RaftConfiguration? StartMembership,
    ulong FromIndex,
    ulong ToIndex,
    ulong LastIndexOnDisk,
    IReadOnlyList<RaftLogEntry> Entries,
    IReadOnlyList<string> Warnings,
    string? StopReason);
