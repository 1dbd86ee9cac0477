using System.Collections.Concurrent;
using LxdScope.Collector.Mirrors;

namespace LxdScope.Collector.Storage;

/// <summary>
/// Mirrors of LXD's databases for the SQL console, with history (versioned by <see cref="MirrorPlanner"/>),
/// written in the same transaction as the report that carried them: acknowledged means mirrored.
/// </summary>
internal sealed partial class SqliteCollectorStore
{
    private const string SchemaV2 = """
        CREATE TABLE mirror_tables (
            cluster    TEXT    NOT NULL,
            db         TEXT    NOT NULL,
            member     TEXT    NOT NULL,
            name       TEXT    NOT NULL,
            valid_from INTEGER NOT NULL,
            hash       TEXT    NOT NULL,
            sql        TEXT,
            columns    TEXT,
            rows       BLOB,
            PRIMARY KEY (cluster, db, member, name, valid_from)
        ) STRICT, WITHOUT ROWID;
        CREATE TABLE mirrors (
            cluster      TEXT    NOT NULL,
            db           TEXT    NOT NULL,
            member       TEXT    NOT NULL,
            digest       TEXT    NOT NULL,
            schema       TEXT    NOT NULL,
            confirmed_at INTEGER NOT NULL,
            agent_id     TEXT    NOT NULL,
            PRIMARY KEY (cluster, db, member)
        ) STRICT, WITHOUT ROWID;
        """;

    // Where the latest content came from when not through LXD (rebuilt from raft files).
    private const string SchemaV3 = "ALTER TABLE mirrors ADD COLUMN source TEXT;";

    private static readonly MirrorDialect MirrorStatements = new(
        CurrentTables: """
            SELECT name, hash, valid_from FROM mirror_tables t
            WHERE cluster = @cluster AND db = @db AND member = @member
              AND valid_from = (SELECT max(valid_from) FROM mirror_tables v
                                WHERE v.cluster = t.cluster AND v.db = t.db AND v.member = t.member AND v.name = t.name)
            """,
        Later: "max");

    // One process owns the file: generations can live in memory.
    private readonly ConcurrentDictionary<MirrorKey, long> mirrorGenerations = new();
    private long nextGeneration;

    public Task<long> MirrorGenerationAsync(string cluster, string database, string member, CancellationToken cancellationToken = default) =>
        Task.FromResult(mirrorGenerations.GetValueOrDefault(new MirrorKey(cluster, database, member)));

    public Task<IReadOnlyList<MirrorInfo>> MirrorsAsync(string cluster, CancellationToken cancellationToken = default) =>
        GuardedAsync("read the mirrors from", () => MirrorReads.ListAsync(connection, cluster, cancellationToken), cancellationToken);

    public Task<MirrorState?> MirrorAsync(string cluster, string database, string member, DateTimeOffset? asOf, bool withRows, CancellationToken cancellationToken = default) =>
        GuardedAsync("read a mirror from", () => MirrorReads.StateAsync(connection, null, new MirrorKey(cluster, database, member), asOf, withRows, cancellationToken), cancellationToken);

    /// <summary>The moments a mirrored database changed, newest first.</summary>
    public Task<IReadOnlyList<DateTimeOffset>> MirrorVersionsAsync(string cluster, string database, string member, int limit, CancellationToken cancellationToken = default) =>
        GuardedAsync("read mirror versions from", () => MirrorReads.VersionsAsync(connection, new MirrorKey(cluster, database, member), limit, cancellationToken), cancellationToken);

    // Bumped before the writes: a reader that sees the new generation re-reads (a rolled-back
    // transaction only costs one needless re-read).
    private void MarkChanged(MirrorKey key) => mirrorGenerations[key] = Interlocked.Increment(ref nextGeneration);
}
