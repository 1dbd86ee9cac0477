using LxdScope.Collector.Audit;

namespace LxdScope.Collector.Storage;

internal sealed partial class PostgresCollectorStore
{
    // The console's audit record (AuditRows), written by whichever collector answered the request.
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
            AuditRows.Append(connection, record);
            return 0;
        });
    }

    public IReadOnlyList<ConsoleAuditRecord> ConsoleQueries(DateTimeOffset? since, int limit)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        return Guarded("read the console audit from", connection => AuditRows.Latest(connection, since, limit));
    }
}
