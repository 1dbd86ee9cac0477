using LxdScope.Collector.Audit;
using Microsoft.Data.Sqlite;

namespace LxdScope.Collector.Storage;

public sealed partial class SqliteCollectorStore
{
    // The console's audit record: one row per query or diff, answered or not. Outcome and kind
    // are stored as their words (AuditText), so the table reads plainly with sqlite3.
    private const string SchemaV4 = """
        CREATE TABLE console_audit (
            id        INTEGER PRIMARY KEY,
            time      INTEGER NOT NULL,
            user_name TEXT    NOT NULL,
            kind      TEXT    NOT NULL,
            cluster   TEXT    NOT NULL,
            db        TEXT    NOT NULL,
            member    TEXT,
            query     TEXT,
            as_of     INTEGER,
            rows      INTEGER,
            outcome   TEXT    NOT NULL,
            reason    TEXT
        ) STRICT;
        CREATE INDEX console_audit_time ON console_audit (time);
        """;

    public void RecordConsoleQuery(ConsoleAuditRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        Guarded("record a console query in", () =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = """
                INSERT INTO console_audit (time, user_name, kind, cluster, db, member, query, as_of, rows, outcome, reason)
                VALUES ($time, $user, $kind, $cluster, $db, $member, $query, $asOf, $rows, $outcome, $reason)
                """;
            command.Parameters.AddWithValue("$time", record.At.ToUnixTimeMilliseconds());
            command.Parameters.AddWithValue("$user", record.User);
            command.Parameters.AddWithValue("$kind", AuditText.Of(record.Kind));
            command.Parameters.AddWithValue("$cluster", record.Cluster);
            command.Parameters.AddWithValue("$db", record.Database);
            command.Parameters.AddWithValue("$member", (object?)record.Member ?? DBNull.Value);
            command.Parameters.AddWithValue("$query", (object?)record.Query ?? DBNull.Value);
            command.Parameters.AddWithValue("$asOf", (object?)record.AsOf?.ToUnixTimeMilliseconds() ?? DBNull.Value);
            command.Parameters.AddWithValue("$rows", (object?)record.Rows ?? DBNull.Value);
            command.Parameters.AddWithValue("$outcome", AuditText.Of(record.Outcome));
            command.Parameters.AddWithValue("$reason", (object?)record.Reason ?? DBNull.Value);
            return command.ExecuteNonQuery();
        });
    }

    public IReadOnlyList<ConsoleAuditRecord> ConsoleQueries(DateTimeOffset? since, int limit)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        return Guarded("read the console audit from", () =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = """
                SELECT time, user_name, kind, cluster, db, member, query, as_of, rows, outcome, reason FROM console_audit
                WHERE time >= $since
                ORDER BY time DESC, id DESC
                LIMIT $limit
                """;
            command.Parameters.AddWithValue("$since", since?.ToUnixTimeMilliseconds() ?? long.MinValue);
            command.Parameters.AddWithValue("$limit", limit);
            using var reader = command.ExecuteReader();
            var records = new List<ConsoleAuditRecord>();
            while (reader.Read())
            {
                records.Add(Read(reader));
            }

            return records;
        });
    }

    private static ConsoleAuditRecord Read(SqliteDataReader reader) => new(
        DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(0)),
        reader.GetString(1),
        AuditText.Kind(reader.GetString(2)),
        reader.GetString(3),
        reader.GetString(4),
        reader.IsDBNull(5) ? null : reader.GetString(5),
        reader.IsDBNull(6) ? null : reader.GetString(6),
        reader.IsDBNull(7) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(7)),
        reader.IsDBNull(8) ? null : reader.GetInt32(8),
        AuditText.Outcome(reader.GetString(9)),
        reader.IsDBNull(10) ? null : reader.GetString(10));
}
