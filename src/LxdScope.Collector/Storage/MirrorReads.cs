using System.Data.Common;
using System.Text.Json;
using LxdScope.Collector.Mirrors;

namespace LxdScope.Collector.Storage;

/// <summary>Reading the mirrors back, the same on either store.</summary>
internal static class MirrorReads
{
    public static async Task<IReadOnlyList<MirrorInfo>> ListAsync(DbConnection connection, string cluster, CancellationToken cancellationToken)
    {
        await using var command = DbCommands.Create(connection, null, "SELECT db, member, confirmed_at, agent_id FROM mirrors WHERE cluster = @cluster ORDER BY db, member")
            .Text("@cluster", cluster);
        return await command.ReadAllAsync(r => new MirrorInfo(r.GetString(0), r.GetString(1), r.GetTime(2), r.GetString(3)), cancellationToken);
    }

    /// <param name="transaction">Where the store needs one for the head and the versions to agree (null under the SQLite store's lock).</param>
    public static async Task<MirrorState?> StateAsync(DbConnection connection, DbTransaction? transaction, MirrorKey key, DateTimeOffset? asOf, bool withRows, CancellationToken cancellationToken)
    {
        IReadOnlyList<string> schema;
        DateTimeOffset confirmed;
        string? source;
        await using (var command = DbCommands.Create(connection, transaction, "SELECT schema, confirmed_at, source FROM mirrors WHERE cluster = @cluster AND db = @db AND member = @member").Key(key))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            if (!await reader.ReadAsync(cancellationToken))
            {
                return null;
            }

            schema = JsonSerializer.Deserialize(reader.GetString(0), StoreJson.Default.ListString) ?? [];
            confirmed = reader.GetTime(1);
            source = reader.GetNullableString(2);
        }

        // The version of each table in effect at the moment: the newest one not after it. A
        // version without SQL records that the table was gone from then on.
        await using var versions = DbCommands.Create(connection, transaction, $"""
            SELECT name, valid_from, hash, sql, columns{(withRows ? ", rows" : "")}
            FROM mirror_tables t
            WHERE cluster = @cluster AND db = @db AND member = @member
              AND valid_from = (SELECT max(valid_from) FROM mirror_tables v
                                WHERE v.cluster = t.cluster AND v.db = t.db AND v.member = t.member AND v.name = t.name
                                  AND v.valid_from <= @at)
              AND sql IS NOT NULL
            """)
            .Key(key)
            .Integer("@at", asOf is null ? long.MaxValue : asOf.Value.ToUnixTimeMilliseconds());
        var tables = await versions.ReadAllAsync(r => new MirrorTable(
            r.GetString(0),
            r.GetTime(1),
            r.GetString(2),
            r.GetString(3),
            JsonSerializer.Deserialize(r.GetString(4), StoreJson.Default.ListString) ?? [],
            withRows ? MirrorRows.Gunzip(r.GetFieldValue<byte[]>(5)) : null), cancellationToken);
        // Ordered here, not in SQL: byte order on both stores, whatever PostgreSQL's collation.
        tables.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        return new MirrorState(key.Cluster, key.Database, key.Member, confirmed, schema, tables) { Source = source };
    }

    /// <summary>The moments a mirrored database changed, newest first.</summary>
    public static async Task<IReadOnlyList<DateTimeOffset>> VersionsAsync(DbConnection connection, MirrorKey key, int limit, CancellationToken cancellationToken)
    {
        await using var command = DbCommands.Create(connection, null, """
            SELECT DISTINCT valid_from FROM mirror_tables
            WHERE cluster = @cluster AND db = @db AND member = @member
            ORDER BY valid_from DESC LIMIT @limit
            """)
            .Key(key)
            .Integer("@limit", limit);
        return await command.ReadAllAsync(r => r.GetTime(0), cancellationToken);
    }
}
