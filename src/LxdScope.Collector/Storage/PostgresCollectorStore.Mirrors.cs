using LxdScope.Collector.Mirrors;
using Npgsql;

namespace LxdScope.Collector.Storage;

/// <summary>
/// Mirrors of LXD's databases for the SQL console, kept centrally with the same versioning as the
/// SQLite store (<see cref="MirrorPlanner"/>), written in the report's transaction. Each collector
/// caches built copies locally, keyed by the generation stored here.
/// </summary>
internal sealed partial class PostgresCollectorStore
{
    private static readonly MirrorDialect MirrorStatements = new(
        CurrentTables: """
            SELECT DISTINCT ON (name) name, hash, valid_from FROM mirror_tables
            WHERE cluster = @cluster AND db = @db AND member = @member
            ORDER BY name, valid_from DESC
            """,
        Later: "greatest");

    public Task<long> MirrorGenerationAsync(string cluster, string database, string member, CancellationToken cancellationToken = default) =>
        GuardedAsync("read a mirror generation from", async connection =>
        {
            await using var command = DbCommands.Create(connection, null, "SELECT generation FROM mirror_generations WHERE cluster = @cluster AND db = @db AND member = @member")
                .Key(new MirrorKey(cluster, database, member));
            return await command.ExecuteScalarAsync(cancellationToken) is long generation ? generation : 0L;
        }, cancellationToken);

    public Task<IReadOnlyList<MirrorInfo>> MirrorsAsync(string cluster, CancellationToken cancellationToken = default) =>
        GuardedAsync("read the mirrors from", connection => MirrorReads.ListAsync(connection, cluster, cancellationToken), cancellationToken);

    public Task<MirrorState?> MirrorAsync(string cluster, string database, string member, DateTimeOffset? asOf, bool withRows, CancellationToken cancellationToken = default) =>
        GuardedAsync("read a mirror from", async connection =>
        {
            // One snapshot: the head row and the table versions agree while a report writes both.
            await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);
            var state = await MirrorReads.StateAsync(connection, transaction, new MirrorKey(cluster, database, member), asOf, withRows, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return state;
        }, cancellationToken);

    public Task<IReadOnlyList<DateTimeOffset>> MirrorVersionsAsync(string cluster, string database, string member, int limit, CancellationToken cancellationToken = default) =>
        GuardedAsync("read mirror versions from", connection => MirrorReads.VersionsAsync(connection, new MirrorKey(cluster, database, member), limit, cancellationToken), cancellationToken);

    private static void MarkChanged(NpgsqlConnection connection, NpgsqlTransaction transaction, MirrorKey key)
    {
        // Two collectors may each be handed the global content (each elects its own sender):
        // one writer per mirror at a time, so versions are computed from what is really there.
        using (var serialize = DbCommands.Create(connection, transaction, "SELECT pg_advisory_xact_lock(hashtext('lxdscope-mirror:' || @cluster || '/' || @db || '/' || @member))").Key(key))
        {
            serialize.ExecuteNonQuery();
        }

        using var generation = DbCommands.Create(connection, transaction, """
            INSERT INTO mirror_generations (cluster, db, member, generation) VALUES (@cluster, @db, @member, nextval('mirror_generation'))
            ON CONFLICT (cluster, db, member) DO UPDATE SET generation = excluded.generation
            """).Key(key);
        generation.ExecuteNonQuery();
    }
}
