using System.Globalization;
using Microsoft.Data.Sqlite;

namespace LxdScope.Collector.Storage;

internal sealed partial class SqliteCollectorStore
{
    // Times are Unix milliseconds (UTC). reports keeps one row per acknowledged report, without
    // its JSON; only each agent's latest JSON is kept, in agents.
    private const string SchemaV1 = """
        CREATE TABLE agents (
            agent_id      TEXT    NOT NULL PRIMARY KEY,
            cluster       TEXT    NOT NULL,
            epoch         TEXT    NOT NULL,
            last_sequence INTEGER NOT NULL,
            latest_report BLOB    NOT NULL,
            received_at   INTEGER NOT NULL
        ) STRICT;
        CREATE TABLE reports (
            agent_id     TEXT    NOT NULL,
            epoch        TEXT    NOT NULL,
            sequence     INTEGER NOT NULL,
            collected_at INTEGER NOT NULL,
            received_at  INTEGER NOT NULL,
            PRIMARY KEY (agent_id, epoch, sequence)
        ) STRICT, WITHOUT ROWID;
        CREATE INDEX reports_received_at ON reports (received_at);
        CREATE TABLE events (
            id      INTEGER PRIMARY KEY,
            cluster TEXT    NOT NULL,
            time    INTEGER NOT NULL,
            kind    TEXT    NOT NULL,
            member  TEXT,
            message TEXT    NOT NULL
        ) STRICT;
        CREATE INDEX events_cluster_time ON events (cluster, time);
        CREATE INDEX events_time ON events (time);
        """;

    private static void Migrate(SqliteConnection connection, string path)
    {
        var version = Convert.ToInt32(Scalar(connection, "PRAGMA user_version"), CultureInfo.InvariantCulture);
        if (version == SchemaVersion)
        {
            return;
        }

        if (version > SchemaVersion)
        {
            throw new StoreUnavailableException(
                $"Cannot use {path}: its schema version {version} is newer than this collector's ({SchemaVersion}); run a newer collector or move the file away.");
        }

        // Plain CREATE TABLE: a file that already holds other tables is refused, not mixed with ours.
        using var transaction = connection.BeginTransaction();
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = (version < 1 ? SchemaV1 : "") + (version < 2 ? SchemaV2 : "") + (version < 3 ? SchemaV3 : "") + (version < 4 ? SchemaV4 : "")
            + $"PRAGMA user_version = {SchemaVersion};";
        command.ExecuteNonQuery();
        transaction.Commit();
    }
}
