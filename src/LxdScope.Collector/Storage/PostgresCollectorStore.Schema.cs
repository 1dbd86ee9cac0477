using Npgsql;

namespace LxdScope.Collector.Storage;

internal sealed partial class PostgresCollectorStore
{
    /// <summary>The schema this code writes, kept in <c>lxdscope_schema</c>.</summary>
    internal const int SchemaVersion = 3;

    // Any constant both sides agree on: collectors starting at once migrate one after the other.
    private const long MigrationLockKey = 0x6c78_6473_636f_7065;

    // Times are Unix milliseconds (UTC), as in the SQLite store, so both stores share their logic.
    // Reports' JSON is compressed with lz4 (PostgreSQL 14 or later): pglz, the default, cost more
    // CPU than the rest of an ingest. A feed row is written without its position first; the
    // position is given under the feed lock by an update that leaves the stored JSON in place.
    // report_feed holds every accepted report's JSON for the other collectors to apply; it is kept
    // for FeedRetention only (a collector that was away longer starts from the agents' latest).
    private const string SchemaV1 = """
        CREATE TABLE agents (
            agent_id      text   NOT NULL PRIMARY KEY,
            cluster       text   NOT NULL,
            epoch         text   NOT NULL,
            last_sequence bigint NOT NULL,
            latest_report bytea  COMPRESSION lz4 NOT NULL,
            received_at   bigint NOT NULL,
            feed_position bigint NOT NULL
        );
        CREATE TABLE reports (
            agent_id     text   NOT NULL,
            epoch        text   NOT NULL,
            sequence     bigint NOT NULL,
            collected_at bigint NOT NULL,
            received_at  bigint NOT NULL,
            PRIMARY KEY (agent_id, epoch, sequence)
        );
        CREATE INDEX reports_received_at ON reports (received_at);
        CREATE SEQUENCE report_feed_position;
        CREATE TABLE report_feed (
            id          bigserial PRIMARY KEY,
            position    bigint UNIQUE,
            report      bytea  COMPRESSION lz4 NOT NULL,
            received_at bigint NOT NULL
        );
        CREATE TABLE events (
            id      bigserial PRIMARY KEY,
            cluster text   NOT NULL,
            time    bigint NOT NULL,
            kind    text   NOT NULL,
            member  text,
            message text   NOT NULL
        );
        CREATE INDEX events_cluster_time ON events (cluster, time);
        CREATE INDEX events_time ON events (time);
        CREATE TABLE mirror_tables (
            cluster    text   NOT NULL,
            db         text   NOT NULL,
            member     text   NOT NULL,
            name       text   NOT NULL,
            valid_from bigint NOT NULL,
            hash       text   NOT NULL,
            sql        text,
            columns    text,
            rows       bytea COMPRESSION lz4,
            PRIMARY KEY (cluster, db, member, name, valid_from)
        );
        CREATE TABLE mirrors (
            cluster      text   NOT NULL,
            db           text   NOT NULL,
            member       text   NOT NULL,
            digest       text   NOT NULL,
            schema       text   NOT NULL,
            confirmed_at bigint NOT NULL,
            agent_id     text   NOT NULL,
            source       text,
            PRIMARY KEY (cluster, db, member)
        );
        CREATE SEQUENCE mirror_generation;
        CREATE TABLE mirror_generations (
            cluster    text   NOT NULL,
            db         text   NOT NULL,
            member     text   NOT NULL,
            generation bigint NOT NULL,
            PRIMARY KEY (cluster, db, member)
        );
        """;

    private void Migrate() => Guarded("prepare the schema of", connection =>
    {
        // A session lock, not a transaction's: CREATE TABLE IF NOT EXISTS alone still races on
        // PostgreSQL's catalog when two collectors start together.
        using (var command = Command(connection, null, "SELECT pg_advisory_lock($1)"))
        {
            command.Parameters.AddWithValue(MigrationLockKey);
            command.ExecuteNonQuery();
        }

        try
        {
            using var transaction = connection.BeginTransaction();
            Execute(connection, transaction, "CREATE TABLE IF NOT EXISTS lxdscope_schema (version integer NOT NULL)");
            int? version;
            using (var read = Command(connection, transaction, "SELECT max(version) FROM lxdscope_schema"))
            {
                version = read.ExecuteScalar() is int v ? v : null;
            }

            if (version > SchemaVersion)
            {
                throw new StoreUnavailableException(
                    $"Cannot use {target}: its schema version {version} is newer than this collector's ({SchemaVersion}); run a newer collector.");
            }

            // Plain CREATE TABLE: a database that already holds other tables of these names is refused, not mixed with ours.
            if (version is null)
            {
                Execute(connection, transaction, SchemaV1);
                Execute(connection, transaction, "INSERT INTO lxdscope_schema (version) VALUES (1)");
                version = 1;
            }

            if (version < 2)
            {
                Execute(connection, transaction, SchemaV2);
            }

            if (version < 3)
            {
                Execute(connection, transaction, SchemaV3);
            }

            if (version < SchemaVersion)
            {
                Execute(connection, transaction, $"UPDATE lxdscope_schema SET version = {SchemaVersion}");
            }

            transaction.Commit();
        }
        finally
        {
            using var unlock = Command(connection, null, "SELECT pg_advisory_unlock($1)");
            unlock.Parameters.AddWithValue(MigrationLockKey);
            unlock.ExecuteNonQuery();
        }

        return 0;
    });

    private static void Execute(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql)
    {
        using var command = Command(connection, transaction, sql);
        command.ExecuteNonQuery();
    }
}
