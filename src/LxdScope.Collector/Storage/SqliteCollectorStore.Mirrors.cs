using System.Collections.Concurrent;
using System.Text.Json;
using LxdScope.Contracts;
using Microsoft.Data.Sqlite;

namespace LxdScope.Collector.Storage;

/// <summary>
/// Mirrors of LXD's databases for the SQL console, with history: a table gets a new version only
/// when its hash changes, so unchanged content is never stored twice. Written in the same
/// transaction as the report that carried it: acknowledged means mirrored.
/// </summary>
public sealed partial class SqliteCollectorStore
{
    private const string SchemaV2 = """
        CREATE TABLE mirror_tables (
            cluster    TEXT    NOT NULL,
            db         TEXT    NOT NULL,
            member     TEXT    NOT NULL,
            name       TEXT    NOT NULL,
            valid_from INTEGER NOT NULL,
            hash       TEXT    NOT NULL,
            sql        TEXT,
            columns    TEXT,
            rows       BLOB,
            PRIMARY KEY (cluster, db, member, name, valid_from)
        ) STRICT, WITHOUT ROWID;
        CREATE TABLE mirrors (
            cluster      TEXT    NOT NULL,
            db           TEXT    NOT NULL,
            member       TEXT    NOT NULL,
            digest       TEXT    NOT NULL,
            schema       TEXT    NOT NULL,
            confirmed_at INTEGER NOT NULL,
            agent_id     TEXT    NOT NULL,
            PRIMARY KEY (cluster, db, member)
        ) STRICT, WITHOUT ROWID;
        """;

    // Where the latest content came from when not through LXD (rebuilt from raft files).
    private const string SchemaV3 = "ALTER TABLE mirrors ADD COLUMN source TEXT;";

    private readonly ConcurrentDictionary<(string, string, string), long> mirrorGenerations = new();
    private long nextGeneration;

    public long MirrorGeneration(string cluster, string database, string member) =>
        mirrorGenerations.GetValueOrDefault((cluster, database, member));

    public IReadOnlyList<MirrorInfo> Mirrors(string cluster) => Guarded("read the mirrors from", () =>
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT db, member, confirmed_at, agent_id FROM mirrors WHERE cluster = $cluster ORDER BY db, member";
        command.Parameters.AddWithValue("$cluster", cluster);
        using var reader = command.ExecuteReader();
        var list = new List<MirrorInfo>();
        while (reader.Read())
        {
            list.Add(new MirrorInfo(reader.GetString(0), reader.GetString(1), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2)), reader.GetString(3)));
        }

        return list;
    });

    public MirrorState? Mirror(string cluster, string database, string member, DateTimeOffset? asOf, bool withRows) => Guarded("read a mirror from", () =>
    {
        IReadOnlyList<string> schema;
        DateTimeOffset confirmed;
        string? source;
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT schema, confirmed_at, source FROM mirrors WHERE cluster = $cluster AND db = $db AND member = $member";
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

        var at = asOf ?? DateTimeOffset.MaxValue;
        using var versions = connection.CreateCommand();
        // The version of each table in effect at the moment: the newest one not after it. A
        // version without SQL records that the table was gone from then on.
        versions.CommandText = $"""
            SELECT name, valid_from, hash, sql, columns{(withRows ? ", rows" : "")}
            FROM mirror_tables t
            WHERE cluster = $cluster AND db = $db AND member = $member
              AND valid_from = (SELECT max(valid_from) FROM mirror_tables v
                                WHERE v.cluster = t.cluster AND v.db = t.db AND v.member = t.member AND v.name = t.name
                                  AND v.valid_from <= $at)
              AND sql IS NOT NULL
            ORDER BY name
            """;
        AddKey(versions, cluster, database, member);
        versions.Parameters.AddWithValue("$at", asOf is null ? long.MaxValue : at.ToUnixTimeMilliseconds());
        using var rows = versions.ExecuteReader();
        var tables = new List<MirrorTable>();
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

        return new MirrorState(cluster, database, member, confirmed, schema, tables) { Source = source };
    });

    /// <summary>The moments a mirrored database changed, newest first.</summary>
    public IReadOnlyList<DateTimeOffset> MirrorVersions(string cluster, string database, string member, int limit) => Guarded("read mirror versions from", () =>
    {
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT DISTINCT valid_from FROM mirror_tables
            WHERE cluster = $cluster AND db = $db AND member = $member
            ORDER BY valid_from DESC LIMIT $limit
            """;
        AddKey(command, cluster, database, member);
        command.Parameters.AddWithValue("$limit", limit);
        using var reader = command.ExecuteReader();
        var list = new List<DateTimeOffset>();
        while (reader.Read())
        {
            list.Add(DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(0)));
        }

        return list;
    });

    /// <summary>Applies a report's database content inside the report's transaction.</summary>
    /// <returns>The databases whose content did not match what the mirror holds and must be sent in full.</returns>
    private List<string> RecordContent(SqliteTransaction transaction, AgentReport report, DateTimeOffset receivedAt)
    {
        var resend = new List<string>();
        if (report.Content is not { } content)
        {
            return resend;
        }

        if (content.Local is { } local && !RecordDatabase(transaction, report, "local", report.Member ?? report.AgentId, local, receivedAt))
        {
            resend.Add("local");
        }

        if (content.Global is { } global && !RecordDatabase(transaction, report, "global", "", global, receivedAt))
        {
            resend.Add("global");
        }

        return resend;
    }

    private bool RecordDatabase(SqliteTransaction transaction, AgentReport report, string database, string member, DatabaseContent content, DateTimeOffset receivedAt)
    {
        // Bumped before the writes: a reader that sees the new generation re-reads (a rolled-back
        // transaction only costs one needless re-read).
        mirrorGenerations[(report.Cluster, database, member)] = Interlocked.Increment(ref nextGeneration);

        // The agent's clock may run ahead; a version must never claim a time the collector has not reached.
        var at = Math.Min(content.ReadAt.ToUnixTimeMilliseconds(), receivedAt.ToUnixTimeMilliseconds());
        var current = CurrentTables(transaction, report.Cluster, database, member);
        string? digest = null;
        using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = "SELECT digest FROM mirrors WHERE cluster = $cluster AND db = $db AND member = $member";
            AddKey(command, report.Cluster, database, member);
            digest = command.ExecuteScalar() as string;
        }

        if (content.Tables is null)
        {
            if (digest != content.Digest)
            {
                return false;
            }

            Confirm(transaction, report, database, member, content, at, schema: null);
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

            InsertVersion(transaction, report.Cluster, database, member, table.Name, Math.Max(at, known.ValidFrom + 1), table.Hash, table.Sql, table.Columns, MirrorRows.Gzip(rows));
        }

        var names = content.Tables.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var (name, (hash, validFrom)) in current)
        {
            if (!names.Contains(name) && hash.Length > 0)
            {
                InsertVersion(transaction, report.Cluster, database, member, name, Math.Max(at, validFrom + 1), "", null, null, null);
            }
        }

        if (matches)
        {
            Confirm(transaction, report, database, member, content, at, content.Schema ?? []);
        }

        return matches;
    }

    /// <summary>Each table's latest version (hash, valid_from); a dropped table has an empty hash.</summary>
    private Dictionary<string, (string Hash, long ValidFrom)> CurrentTables(SqliteTransaction transaction, string cluster, string database, string member)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            SELECT name, hash, valid_from FROM mirror_tables t
            WHERE cluster = $cluster AND db = $db AND member = $member
              AND valid_from = (SELECT max(valid_from) FROM mirror_tables v
                                WHERE v.cluster = t.cluster AND v.db = t.db AND v.member = t.member AND v.name = t.name)
            """;
        AddKey(command, cluster, database, member);
        using var reader = command.ExecuteReader();
        var tables = new Dictionary<string, (string, long)>(StringComparer.Ordinal);
        while (reader.Read())
        {
            tables[reader.GetString(0)] = (reader.GetString(1), reader.GetInt64(2));
        }

        return tables;
    }

    private void InsertVersion(SqliteTransaction transaction, string cluster, string database, string member, string name, long validFrom, string hash, string? sql, IReadOnlyList<string>? columns, byte[]? rows)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO mirror_tables (cluster, db, member, name, valid_from, hash, sql, columns, rows)
            VALUES ($cluster, $db, $member, $name, $at, $hash, $sql, $columns, $rows)
            """;
        AddKey(command, cluster, database, member);
        command.Parameters.AddWithValue("$name", name);
        command.Parameters.AddWithValue("$at", validFrom);
        command.Parameters.AddWithValue("$hash", hash);
        command.Parameters.AddWithValue("$sql", (object?)sql ?? DBNull.Value);
        command.Parameters.AddWithValue("$columns", columns is null ? DBNull.Value : JsonSerializer.Serialize(columns.ToList(), StoreJson.Default.ListString));
        command.Parameters.Add("$rows", SqliteType.Blob).Value = (object?)rows ?? DBNull.Value;
        command.ExecuteNonQuery();
    }

    private void Confirm(SqliteTransaction transaction, AgentReport report, string database, string member, DatabaseContent content, long at, IReadOnlyList<string>? schema)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = schema is null
            ? """
              UPDATE mirrors SET confirmed_at = max(confirmed_at, $at), agent_id = $agent, source = $source
              WHERE cluster = $cluster AND db = $db AND member = $member
              """
            : """
              INSERT INTO mirrors (cluster, db, member, digest, schema, confirmed_at, agent_id, source)
              VALUES ($cluster, $db, $member, $digest, $schema, $at, $agent, $source)
              ON CONFLICT (cluster, db, member) DO UPDATE SET
                  digest = excluded.digest, schema = excluded.schema,
                  confirmed_at = max(confirmed_at, excluded.confirmed_at), agent_id = excluded.agent_id, source = excluded.source
              """;
        AddKey(command, report.Cluster, database, member);
        command.Parameters.AddWithValue("$digest", content.Digest);
        command.Parameters.AddWithValue("$schema", JsonSerializer.Serialize((schema ?? []).ToList(), StoreJson.Default.ListString));
        command.Parameters.AddWithValue("$at", at);
        command.Parameters.AddWithValue("$agent", report.AgentId);
        command.Parameters.AddWithValue("$source", (object?)content.Source ?? DBNull.Value);
        command.ExecuteNonQuery();
    }

    /// <summary>Deletes table versions superseded before the cutoff; the version in effect at the cutoff stays.</summary>
    private static int DeleteOldMirrorVersions(SqliteConnection connection, SqliteTransaction transaction, long cutoff)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            DELETE FROM mirror_tables
            WHERE valid_from < $cutoff
              AND EXISTS (SELECT 1 FROM mirror_tables n
                          WHERE n.cluster = mirror_tables.cluster AND n.db = mirror_tables.db
                            AND n.member = mirror_tables.member AND n.name = mirror_tables.name
                            AND n.valid_from > mirror_tables.valid_from AND n.valid_from <= $cutoff)
            """;
        command.Parameters.AddWithValue("$cutoff", cutoff);
        return command.ExecuteNonQuery();
    }

    private static void AddKey(SqliteCommand command, string cluster, string database, string member)
    {
        command.Parameters.AddWithValue("$cluster", cluster);
        command.Parameters.AddWithValue("$db", database);
        command.Parameters.AddWithValue("$member", member);
    }
}
