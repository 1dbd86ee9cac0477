namespace LxdScope.Lxd.Inspection;

/// <summary>What this member's database/global directory says, read without LXD.</summary>
/// <param name="StaleDumpAgeSeconds">Age of database/global/db.bin, a dump LXD writes only on shutdown of a voter: never the live database.</param>
public sealed record RaftFilesReport(
    ulong? Term,
    ulong? VotedFor,
    ulong? FirstIndex,
    ulong? LastIndex,
    ulong? LastTerm,
    int ClosedSegments,
    int OpenSegments,
    int Snapshots,
    ulong? SnapshotIndex,
    DateTimeOffset? SnapshotWrittenAt,
    ulong? ConfigurationIndex,
    IReadOnlyList<RaftServerReport> Configuration,
    double? StaleDumpAgeSeconds,
    IReadOnlyList<string> Problems);
