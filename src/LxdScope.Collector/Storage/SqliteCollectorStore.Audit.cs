using LxdScope.Collector.Audit;

namespace LxdScope.Collector.Storage;

internal sealed partial class SqliteCollectorStore
{
    // The console's audit record (AuditRows).
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
            AuditRows.Append(connection, record);
            return 0;
        });
    }

    public IReadOnlyList<ConsoleAuditRecord> ConsoleQueries(DateTimeOffset? since, int limit)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        return Guarded("read the console audit from", () => AuditRows.Latest(connection, since, limit));
    }
}
