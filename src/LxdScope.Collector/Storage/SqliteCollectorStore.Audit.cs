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

    public Task RecordConsoleQueryAsync(ConsoleAuditRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        return GuardedAsync("record a console query in", async () =>
        {
            await AuditRows.AppendAsync(connection, record, cancellationToken);
            return 0;
        }, cancellationToken);
    }

    public Task<IReadOnlyList<ConsoleAuditRecord>> ConsoleQueriesAsync(DateTimeOffset? since, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        return GuardedAsync("read the console audit from", () => AuditRows.LatestAsync(connection, since, limit, cancellationToken), cancellationToken);
    }
}
