using System.Data.Common;
using System.Text.Json;
using LxdScope.Collector.Mirrors;

namespace LxdScope.Collector.Storage;

/// <summary>Reading the mirrors back, the same on either store.</summary>
internal static class MirrorReads
{
    public static List<MirrorInfo> List(DbConnection connection, string cluster)
    {
        using var command = DbCommands.Create(connection, null, "SELECT db, member, confirmed_at, agent_id FROM mirrors WHERE cluster = @cluster ORDER BY db, member")
            .Text("@cluster", cluster);
        return command.ReadAll(r => new MirrorInfo(r.GetString(0), r.GetString(1), r.GetTime(2), r.GetString(3)));
    }

    /// <param name="transaction">Where the store needs one for the head and the versions to agree (null under the SQLite store's lock).</param>
    public static MirrorState? State(DbConnection connection, DbTransaction? transaction, MirrorKey key, DateTimeOffset? asOf, bool withRows)
    {
        IReadOnlyList<string> schema;
        DateTimeOffset confirmed;
        string? source;
        using (var command = DbCommands.Create(connection, transaction, "SELECT schema, confirmed_at, source FROM mirrors WHERE cluster = @cluster AND db = @db AND member = @member").Key(key))
        using (var reader = command.ExecuteReader())
        {
            if (!reader.Read())
            {
                return null;
            }

            schema = JsonSerializer.Deserialize(reader.GetString(0), StoreJson.Default.ListString) ?? [];
            confirmed = reader.GetTime(1);
            source = reader.GetNullableString(2);
        }

        // The version of each table in effect at the moment: the newest one not after it. A
        // version without SQL records that the table was gone from then on.
        using var versions = DbCommands.Create(connection, transaction, $"""
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
        var tables = versions.ReadAll(r => new MirrorTable(
            r.GetString(0),
            r.GetTime(1),
            r.GetString(2),
            r.GetString(3),
            JsonSerializer.Deserialize(r.GetString(4), StoreJson.Default.ListString) ?? [],
            withRows ? MirrorRows.Gunzip(r.GetFieldValue<byte[]>(5)) : null));
        // Ordered here, not in SQL: byte order on both stores, whatever PostgreSQL's collation.
        tables.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        return new MirrorState(key.Cluster, key.Database, key.Member, confirmed, schema, tables) { Source = source };
    }

    /// <summary>The moments a mirrored database changed, newest first.</summary>
    public static List<DateTimeOffset> Versions(DbConnection connection, MirrorKey key, int limit)
    {
        using var command = DbCommands.Create(connection, null, """
            SELECT DISTINCT valid_from FROM mirror_tables
            WHERE cluster = @cluster AND db = @db AND member = @member
            ORDER BY valid_from DESC LIMIT @limit
            """)
            .Key(key)
            .Integer("@limit", limit);
        return command.ReadAll(r => r.GetTime(0));
    }
}
