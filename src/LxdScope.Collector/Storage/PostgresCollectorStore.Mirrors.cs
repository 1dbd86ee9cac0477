using System.Text.Json;
using LxdScope.Contracts;
using Npgsql;
using NpgsqlTypes;

namespace LxdScope.Collector.Storage;

/// <summary>
/// Mirrors of LXD's databases for the SQL console, kept centrally with the same versioning as the
/// SQLite store (a table gets a new version only when its hash changes), written in the report's
/// transaction. Each collector caches built copies locally, keyed by the generation stored here.
/// </summary>
public sealed partial class PostgresCollectorStore
{
    public long MirrorGeneration(string cluster, string database, string member) => Guarded("read a mirror generation from", connection =>
    {
        using var command = Command(connection, null, "SELECT generation FROM mirror_generations WHERE cluster = @cluster AND db = @db AND member = @member");
        AddKey(command, cluster, database, member);
        return command.ExecuteScalar() is long generation ? generation : 0L;
    });

    public IReadOnlyList<MirrorInfo> Mirrors(string cluster) => Guarded("read the mirrors from", connection =>
    {
        using var command = Command(connection, null, "SELECT db, member, confirmed_at, agent_id FROM mirrors WHERE cluster = @cluster ORDER BY db, member");
        command.Parameters.AddWithValue("cluster", cluster);
        using var reader = command.ExecuteReader();
        var list = new List<MirrorInfo>();
        while (reader.Read())
        {
            list.Add(new MirrorInfo(reader.GetString(0), reader.GetString(1), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2)), reader.GetString(3)));
        }

        return (IReadOnlyList<MirrorInfo>)list;
    });

    public MirrorState? Mirror(string cluster, string database, string member, DateTimeOffset? asOf, bool withRows) => Guarded("read a mirror from", connection =>
    {
        // One snapshot: the head row and the table versions agree while a report writes both.
        using var transaction = connection.BeginTransaction(System.Data.IsolationLevel.RepeatableRead);
        IReadOnlyList<string> schema;
        DateTimeOffset confirmed;
        string? source;
        using (var command = Command(connection, transaction, "SELECT schema, confirmed_at, source FROM mirrors WHERE cluster = @cluster AND db = @db AND member = @member"))
        {
            AddKey(command, cluster, database, member);
            using var reader = command.ExecuteReader();
            if (!reader.Read())
            {
                return null;
            }

            schema = JsonSerializer.Deserialize(reader.GetString(0), StoreJson.Default.ListString) ?? [];
            confirmed = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1));
            source = reader.IsDBNull(2) ? null : reader.GetString(2);
        }

        using var versions = Command(connection, transaction, $"""
            SELECT name, valid_from, hash, sql, columns{(withRows ? ", rows" : "")}
            FROM mirror_tables t
            WHERE cluster = @cluster AND db = @db AND member = @member
              AND valid_from = (SELECT max(valid_from) FROM mirror_tables v
                                WHERE v.cluster = t.cluster AND v.db = t.db AND v.member = t.member AND v.name = t.name
                                  AND v.valid_from <= @at)
              AND sql IS NOT NULL
            ORDER BY name COLLATE "C"
            """);
        AddKey(versions, cluster, database, member);
        versions.Parameters.AddWithValue("at", asOf is null ? long.MaxValue : asOf.Value.ToUnixTimeMilliseconds());
        var tables = new List<MirrorTable>();
        using (var rows = versions.ExecuteReader())
        {
            while (rows.Read())
            {
                tables.Add(new MirrorTable(
                    rows.GetString(0),
                    DateTimeOffset.FromUnixTimeMilliseconds(rows.GetInt64(1)),
                    rows.GetString(2),
                    rows.GetString(3),
                    JsonSerializer.Deserialize(rows.GetString(4), StoreJson.Default.ListString) ?? [],
                    withRows ? MirrorRows.Gunzip(rows.GetFieldValue<byte[]>(5)) : null));
            }
        }

        transaction.Commit();
        return new MirrorState(cluster, database, member, confirmed, schema, tables) { Source = source };
    });

    public IReadOnlyList<DateTimeOffset> MirrorVersions(string cluster, string database, string member, int limit) => Guarded("read mirror versions from", connection =>
    {
        using var command = Command(connection, null, """
            SELECT DISTINCT valid_from FROM mirror_tables
            WHERE cluster = @cluster AND db = @db AND member = @member
            ORDER BY valid_from DESC LIMIT @limit
            """);
        AddKey(command, cluster, database, member);
        command.Parameters.AddWithValue("limit", limit);
        using var reader = command.ExecuteReader();
        var list = new List<DateTimeOffset>();
        while (reader.Read())
        {
            list.Add(DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(0)));
        }

        return (IReadOnlyList<DateTimeOffset>)list;
    });

    /// <returns>The databases whose content did not match what the mirror holds and must be sent in full.</returns>
    private static List<string> RecordContent(NpgsqlConnection connection, NpgsqlTransaction transaction, AgentReport report, DateTimeOffset receivedAt)
    {
        var resend = new List<string>();
        if (report.Content is not { } content)
        {
            return resend;
        }

        if (content.Local is { } local && !RecordDatabase(connection, transaction, report, "local", report.Member ?? report.AgentId, local, receivedAt))
        {
            resend.Add("local");
        }

        if (content.Global is { } global && !RecordDatabase(connection, transaction, report, "global", "", global, receivedAt))
        {
            resend.Add("global");
        }

        return resend;
    }

    private static bool RecordDatabase(NpgsqlConnection connection, NpgsqlTransaction transaction, AgentReport report, string database, string member, DatabaseContent content, DateTimeOffset receivedAt)
    {
        // Two collectors may each be handed the global content (each elects its own sender):
        // one writer per mirror at a time, so versions are computed from what is really there.
        using (var serialize = Command(connection, transaction, "SELECT pg_advisory_xact_lock(hashtext('lxdscope-mirror:' || @cluster || '/' || @db || '/' || @member))"))
        {
            AddKey(serialize, report.Cluster, database, member);
            serialize.ExecuteNonQuery();
        }

        using (var command = Command(connection, transaction, """
            INSERT INTO mirror_generations (cluster, db, member, generation) VALUES (@cluster, @db, @member, nextval('mirror_generation'))
            ON CONFLICT (cluster, db, member) DO UPDATE SET generation = excluded.generation
            """))
        {
            AddKey(command, report.Cluster, database, member);
            command.ExecuteNonQuery();
        }

        // The agent's clock may run ahead; a version must never claim a time the collector has not reached.
        var at = Math.Min(content.ReadAt.ToUnixTimeMilliseconds(), receivedAt.ToUnixTimeMilliseconds());
        var current = CurrentTables(connection, transaction, report.Cluster, database, member);
        string? digest;
        using (var command = Command(connection, transaction, "SELECT digest FROM mirrors WHERE cluster = @cluster AND db = @db AND member = @member"))
        {
            AddKey(command, report.Cluster, database, member);
            digest = command.ExecuteScalar() as string;
        }

        if (content.Tables is null)
        {
            if (digest != content.Digest)
            {
                return false;
            }

            Confirm(connection, transaction, report, database, member, content, at, schema: null);
            return true;
        }

        var matches = true;
        foreach (var table in content.Tables)
        {
            current.TryGetValue(table.Name, out var known);
            if (known.Hash == table.Hash)
            {
                continue;
            }

            if (table.Rows is not { ValueKind: JsonValueKind.Array } rows || table.Sql is null || table.Columns is null)
            {
                // Sent by hash, but the mirror holds other content: a report with the change was lost.
                matches = false;
                continue;
            }

            InsertVersion(connection, transaction, report.Cluster, database, member, table.Name, Math.Max(at, known.ValidFrom + 1), table.Hash, table.Sql, table.Columns, MirrorRows.Gzip(rows));
        }

        var names = content.Tables.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var (name, (hash, validFrom)) in current)
        {
            if (!names.Contains(name) && hash.Length > 0)
            {
                InsertVersion(connection, transaction, report.Cluster, database, member, name, Math.Max(at, validFrom + 1), "", null, null, null);
            }
        }

        if (matches)
        {
            Confirm(connection, transaction, report, database, member, content, at, content.Schema ?? []);
        }

        return matches;
    }

    /// <summary>Each table's latest version (hash, valid_from); a dropped table has an empty hash.</summary>
    private static Dictionary<string, (string Hash, long ValidFrom)> CurrentTables(NpgsqlConnection connection, NpgsqlTransaction transaction, string cluster, string database, string member)
    {
        using var command = Command(connection, transaction, """
            SELECT DISTINCT ON (name) name, hash, valid_from FROM mirror_tables
            WHERE cluster = @cluster AND db = @db AND member = @member
            ORDER BY name, valid_from DESC
            """);
        AddKey(command, cluster, database, member);
        using var reader = command.ExecuteReader();
        var tables = new Dictionary<string, (string, long)>(StringComparer.Ordinal);
        while (reader.Read())
        {
            tables[reader.GetString(0)] = (reader.GetString(1), reader.GetInt64(2));
        }

        return tables;
    }

    private static void InsertVersion(NpgsqlConnection connection, NpgsqlTransaction transaction, string cluster, string database, string member, string name, long validFrom, string hash, string? sql, IReadOnlyList<string>? columns, byte[]? rows)
    {
        using var command = Command(connection, transaction, """
            INSERT INTO mirror_tables (cluster, db, member, name, valid_from, hash, sql, columns, rows)
            VALUES (@cluster, @db, @member, @name, @at, @hash, @sql, @columns, @rows)
            """);
        AddKey(command, cluster, database, member);
        command.Parameters.AddWithValue("name", name);
        command.Parameters.AddWithValue("at", validFrom);
        command.Parameters.AddWithValue("hash", hash);
        command.Parameters.Add(new NpgsqlParameter("sql", NpgsqlDbType.Text) { Value = (object?)sql ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("columns", NpgsqlDbType.Text)
        {
            Value = columns is null ? DBNull.Value : JsonSerializer.Serialize(columns.ToList(), StoreJson.Default.ListString),
        });
        command.Parameters.Add(new NpgsqlParameter("rows", NpgsqlDbType.Bytea) { Value = (object?)rows ?? DBNull.Value });
        command.ExecuteNonQuery();
    }

    private static void Confirm(NpgsqlConnection connection, NpgsqlTransaction transaction, AgentReport report, string database, string member, DatabaseContent content, long at, IReadOnlyList<string>? schema)
    {
        using var command = Command(connection, transaction, schema is null
            ? """
              UPDATE mirrors SET confirmed_at = greatest(confirmed_at, @at), agent_id = @agent, source = @source
              WHERE cluster = @cluster AND db = @db AND member = @member
              """
            : """
              INSERT INTO mirrors (cluster, db, member, digest, schema, confirmed_at, agent_id, source)
              VALUES (@cluster, @db, @member, @digest, @schema, @at, @agent, @source)
              ON CONFLICT (cluster, db, member) DO UPDATE SET
                  digest = excluded.digest, schema = excluded.schema,
                  confirmed_at = greatest(mirrors.confirmed_at, excluded.confirmed_at), agent_id = excluded.agent_id, source = excluded.source
              """);
        AddKey(command, report.Cluster, database, member);
        command.Parameters.AddWithValue("digest", content.Digest);
        command.Parameters.AddWithValue("schema", JsonSerializer.Serialize((schema ?? []).ToList(), StoreJson.Default.ListString));
        command.Parameters.AddWithValue("at", at);
        command.Parameters.AddWithValue("agent", report.AgentId);
        command.Parameters.Add(new NpgsqlParameter("source", NpgsqlDbType.Text) { Value = (object?)content.Source ?? DBNull.Value });
        command.ExecuteNonQuery();
    }

    private static void AddKey(NpgsqlCommand command, string cluster, string database, string member)
    {
        command.Parameters.AddWithValue("cluster", cluster);
        command.Parameters.AddWithValue("db", database);
        command.Parameters.AddWithValue("member", member);
    }
}
