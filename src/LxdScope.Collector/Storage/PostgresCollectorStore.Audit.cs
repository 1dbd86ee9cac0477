using LxdScope.Collector.Audit;
using Npgsql;
using NpgsqlTypes;

namespace LxdScope.Collector.Storage;

public sealed partial class PostgresCollectorStore
{
    // The console's audit record, as in the SQLite store: one row per query or diff, answered or
    // not, written by whichever collector answered it.
    private const string SchemaV2 = """
        CREATE TABLE console_audit (
            id        bigserial PRIMARY KEY,
            time      bigint NOT NULL,
            user_name text   NOT NULL,
            kind      text   NOT NULL,
            cluster   text   NOT NULL,
            db        text   NOT NULL,
            member    text,
            query     text,
            as_of     bigint,
            rows      integer,
            outcome   text   NOT NULL,
            reason    text
        );
        CREATE INDEX console_audit_time ON console_audit (time);
        """;

    public void RecordConsoleQuery(ConsoleAuditRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        Guarded("record a console query in", connection =>
        {
            using var command = Command(connection, null, """
                INSERT INTO console_audit (time, user_name, kind, cluster, db, member, query, as_of, rows, outcome, reason)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
                """);
            command.Parameters.AddWithValue(record.At.ToUnixTimeMilliseconds());
            command.Parameters.AddWithValue(record.User);
            command.Parameters.AddWithValue(AuditText.Of(record.Kind));
            command.Parameters.AddWithValue(record.Cluster);
            command.Parameters.AddWithValue(record.Database);
            command.Parameters.Add(Nullable(record.Member, NpgsqlDbType.Text));
            command.Parameters.Add(Nullable(record.Query, NpgsqlDbType.Text));
            command.Parameters.Add(Nullable(record.AsOf?.ToUnixTimeMilliseconds(), NpgsqlDbType.Bigint));
            command.Parameters.Add(Nullable(record.Rows, NpgsqlDbType.Integer));
            command.Parameters.AddWithValue(AuditText.Of(record.Outcome));
            command.Parameters.Add(Nullable(record.Reason, NpgsqlDbType.Text));
            return command.ExecuteNonQuery();
        });
    }

    public IReadOnlyList<ConsoleAuditRecord> ConsoleQueries(DateTimeOffset? since, int limit)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        return Guarded("read the console audit from", connection =>
        {
            using var command = Command(connection, null, """
                SELECT time, user_name, kind, cluster, db, member, query, as_of, rows, outcome, reason FROM console_audit
                WHERE time >= $1
                ORDER BY time DESC, id DESC
                LIMIT $2
                """);
            command.Parameters.AddWithValue(since?.ToUnixTimeMilliseconds() ?? long.MinValue);
            command.Parameters.AddWithValue(limit);
            using var reader = command.ExecuteReader();
            var records = new List<ConsoleAuditRecord>();
            while (reader.Read())
            {
                records.Add(new ConsoleAuditRecord(
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
                    reader.IsDBNull(10) ? null : reader.GetString(10)));
            }

            return (IReadOnlyList<ConsoleAuditRecord>)records;
        });
    }

    private static NpgsqlParameter Nullable(object? value, NpgsqlDbType type) => new() { Value = value ?? DBNull.Value, NpgsqlDbType = type };
}
