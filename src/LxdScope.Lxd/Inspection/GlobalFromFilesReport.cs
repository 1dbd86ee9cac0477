namespace LxdScope.Lxd.Inspection;

/// <summary>The global database as rebuilt from this member's raft files, when LXD could not answer.</summary>
/// <param name="Index">The raft index the data is valid as of.</param>
/// <param name="Term">The term of that entry.</param>
/// <param name="AsOf">"from files, as of raft index N, term T".</param>
/// <param name="SnapshotIndex">The snapshot the rebuild started from (0: the log from index 1).</param>
/// <param name="SchemaVersion">The global schema version found in it.</param>
/// <param name="Warnings">What the rebuild reported.</param>
public sealed record GlobalFromFilesReport(
    ulong Index,
    ulong Term,
    string AsOf,
    ulong SnapshotIndex,
    int SchemaVersion,
    IReadOnlyList<string> Warnings);
