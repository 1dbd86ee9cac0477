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

    public Task RecordConsoleQueryAsync(ConsoleAuditRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        return GuardedAsync("record a console query in", async connection =>
        {
            await AuditRows.AppendAsync(connection, record, cancellationToken);
            return 0;
        }, cancellationToken);
    }

    public Task<IReadOnlyList<ConsoleAuditRecord>> ConsoleQueriesAsync(DateTimeOffset? since, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        return GuardedAsync("read the console audit from", connection => AuditRows.LatestAsync(connection, since, limit, cancellationToken), cancellationToken);
    }
}
