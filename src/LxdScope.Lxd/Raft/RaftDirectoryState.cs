namespace LxdScope.Lxd.Raft;

/// <summary>What a member's raft directory (&lt;LXD_DIR&gt;/database/global) says about its log.</summary>
/// <param name="Directory">The directory that was read.</param>
/// <param name="Exists">False when there is no such directory; <see cref="Problems"/> then says so.</param>
/// <param name="Metadata">The current metadata (term and vote), or null if missing or ambiguous.</param>
/// <param name="Segments">Closed segments in index order, then open segments in counter order.</param>
/// <param name="Snapshots">Snapshots found, oldest first (raft's order: term, index, clock).</param>
/// <param name="Position">The (term, index) of the last entry, for choosing the member to recover from.</param>
/// <param name="PositionSource">Where <see cref="Position"/> came from.</param>
/// <param name="Configuration">The latest raft configuration: the last RAFT_CHANGE in the log, or the newest snapshot's.</param>
/// <param name="StaleDumpModified">
/// Modification time of db.bin, if present. db.bin is a dump dqlite writes only on a voter's
/// shutdown or "lxd sql global .sync"; it is normally stale and never the current database.
/// </param>
/// <param name="StaleDumpAge">How old db.bin was when the directory was read.</param>
/// <param name="Problems">Everything that looked wrong, in plain English.</param>
public sealed record RaftDirectoryState(
    string Directory,
    bool Exists,
    RaftMetadata? Metadata,
    IReadOnlyList<RaftSegmentFile> Segments,
    IReadOnlyList<RaftSnapshotInfo> Snapshots,
    RaftPosition Position,
    RaftPositionSource PositionSource,
    RaftConfiguration? Configuration,
    DateTimeOffset? StaleDumpModified,
    TimeSpan? StaleDumpAge,
    IReadOnlyList<RaftProblem> Problems)
{
    /// <summary>Bytes consumed from the directory's files by this read (the kernel's read-ahead not counted).</summary>
    public long BytesRead { get; init; }

    /// <summary>True when any problem is an error.</summary>
    public bool HasErrors => Problems.Any(p => p.Severity == RaftProblemSeverity.Error);

    /// <summary>Index of the last valid entry, or null when the directory holds no log, snapshot or metadata.</summary>
    public ulong? LastIndex => PositionSource == RaftPositionSource.None ? null : Position.Index;

    /// <summary>Term of the last valid entry, or null as for <see cref="LastIndex"/>.</summary>
    public ulong? LastTerm => PositionSource == RaftPositionSource.None ? null : Position.Term;

    public int ClosedSegmentCount => Segments.Count(s => !s.IsOpen);

    /// <summary>Open segments in use (dqlite preallocates spare ones, which hold nothing).</summary>
    public int OpenSegmentCount => Segments.Count(s => s.IsOpen && s.Health != RaftSegmentHealth.Unused);

    /// <summary>The snapshot raft would load: the newest usable one.</summary>
    public RaftSnapshotInfo? NewestUsableSnapshot => Snapshots.LastOrDefault(s => s.IsUsable);

    /// <summary>The member's current term from its metadata, or null if unknown.</summary>
    public ulong? CurrentTerm => Metadata?.Term;

    /// <summary>The raft id this member voted for in <see cref="CurrentTerm"/> (0: none), or null if unknown.</summary>
    public ulong? VotedFor => Metadata?.VotedFor;
}
