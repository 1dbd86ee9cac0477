namespace LxdScope.Lxd.Forensics;

/// <summary>A global database rebuilt from a member's raft files.</summary>
/// <param name="OutputPath">The SQLite file written.</param>
/// <param name="Index">The raft index the database is valid as of: every entry up to it was applied, none after.</param>
/// <param name="Term">The term of the entry at <see cref="Index"/>.</param>
/// <param name="SnapshotIndex">The index of the snapshot the rebuild started from, 0 when it replayed the log from its first entry.</param>
/// <param name="SnapshotFile">The snapshot file used, or null.</param>
/// <param name="EntriesReplayed">Log entries read after the snapshot, up to <see cref="Index"/>.</param>
/// <param name="TransactionsApplied">Committed transactions (FRAMES commands) applied from the log.</param>
/// <param name="LastIndexOnDisk">The last index in the directory; greater than <see cref="Index"/> only when a smaller index was asked for.</param>
/// <param name="PageCount">Pages in the database written.</param>
/// <param name="Warnings">What the operator should know about this rebuild.</param>
public sealed record RebuildResult(
    string OutputPath,
    ulong Index,
    ulong Term,
    ulong SnapshotIndex,
    string? SnapshotFile,
    long EntriesReplayed,
    long TransactionsApplied,
    ulong LastIndexOnDisk,
    long PageCount,
    IReadOnlyList<string> Warnings)
{
    /// <summary>"from files, as of raft index N, term T": how LxdScope marks data that came from a rebuild.</summary>
    public string AsOf => $"from files, as of raft index {Index}, term {Term}";
}
