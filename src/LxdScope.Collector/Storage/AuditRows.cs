using System.Data.Common;
using LxdScope.Collector.Audit;

namespace LxdScope.Collector.Storage;

/// <summary>
/// The console's audit records in either store: one row per query or diff, answered or not, with
/// outcome and kind stored as their words (<see cref="AuditText"/>) so the table reads plainly.
/// </summary>
internal static class AuditRows
{
    public static async Task AppendAsync(DbConnection connection, ConsoleAuditRecord record, CancellationToken cancellationToken)
    {
        await using var command = DbCommands.Create(connection, null, """
            INSERT INTO console_audit (time, user_name, kind, cluster, db, member, query, as_of, rows, outcome, reason)
            VALUES (@time, @user, @kind, @cluster, @db, @member, @query, @asOf, @rows, @outcome, @reason)
            """)
            .Integer("@time", record.At.ToUnixTimeMilliseconds())
            .Text("@user", record.User)
            .Text("@kind", AuditText.Of(record.Kind))
            .Text("@cluster", record.Cluster)
            .Text("@db", record.Database)
            .Text("@member", record.Member)
            .Text("@query", record.Query)
            .Integer("@asOf", record.AsOf?.ToUnixTimeMilliseconds())
            .Integer("@rows", record.Rows)
            .Text("@outcome", AuditText.Of(record.Outcome))
            .Text("@reason", record.Reason);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Records at or after <paramref name="since"/> (all, when null), newest first.</summary>
    public static async Task<IReadOnlyList<ConsoleAuditRecord>> LatestAsync(DbConnection connection, DateTimeOffset? since, int limit, CancellationToken cancellationToken)
    {
        await using var command = DbCommands.Create(connection, null, """
            SELECT time, user_name, kind, cluster, db, member, query, as_of, rows, outcome, reason FROM console_audit
            WHERE time >= @since
            ORDER BY time DESC, id DESC
            LIMIT @limit
            """)
            .Integer("@since", since?.ToUnixTimeMilliseconds() ?? long.MinValue)
            .Integer("@limit", limit);
        return await command.ReadAllAsync(Read, cancellationToken);
    }

    private static ConsoleAuditRecord Read(DbDataReader reader) => new(
        reader.GetTime(0),
        reader.GetString(1),
        AuditText.Kind(reader.GetString(2)),
        reader.GetString(3),
        reader.GetString(4),
        reader.GetNullableString(5),
        reader.GetNullableString(6),
        reader.IsDBNull(7) ? null : reader.GetTime(7),
        reader.IsDBNull(8) ? null : reader.GetInt32(8),
        AuditText.Outcome(reader.GetString(9)),
        reader.GetNullableString(10));
}
