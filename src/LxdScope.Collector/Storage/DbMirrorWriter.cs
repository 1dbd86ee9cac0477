using System.Data.Common;
using System.Text.Json;
using LxdScope.Collector.Mirrors;

namespace LxdScope.Collector.Storage;

/// <summary>Executes mirror plans in a report's transaction, on either store.</summary>
/// <param name="begin">What the store does first for each mirror (serialize writers, mark it changed).</param>
internal sealed class DbMirrorWriter(DbConnection connection, DbTransaction transaction, MirrorDialect dialect, Action<MirrorKey> begin) : IMirrorWriter
{
    public void Begin(MirrorKey key) => begin(key);

    public MirrorHead Head(MirrorKey key)
    {
        var tables = new Dictionary<string, TableHead>(StringComparer.Ordinal);
        using (var current = DbCommands.Create(connection, transaction, dialect.CurrentTables).Key(key))
        {
            foreach (var (name, head) in current.ReadAll(r => (r.GetString(0), new TableHead(r.GetString(1), r.GetInt64(2)))))
            {
                tables[name] = head;
            }
        }

        using var digest = DbCommands.Create(connection, transaction, "SELECT digest FROM mirrors WHERE cluster = @cluster AND db = @db AND member = @member").Key(key);
        return new MirrorHead(digest.ExecuteScalar() as string, tables);
    }

    public void Insert(MirrorKey key, TableVersion version)
    {
        using var command = DbCommands.Create(connection, transaction, """
            INSERT INTO mirror_tables (cluster, db, member, name, valid_from, hash, sql, columns, rows)
            VALUES (@cluster, @db, @member, @name, @at, @hash, @sql, @columns, @rows)
            """)
            .Key(key)
            .Text("@name", version.Name)
            .Integer("@at", version.ValidFrom)
            .Text("@hash", version.Hash)
            .Text("@sql", version.Sql)
            .Text("@columns", version.Columns is null ? null : Json(version.Columns))
            .Blob("@rows", version.Rows);
        command.ExecuteNonQuery();
    }

    public void Confirm(MirrorKey key, MirrorConfirmation confirmation)
    {
        // The confirmation time only moves forward: reports of two agents may arrive out of order.
        using var command = DbCommands.Create(connection, transaction, confirmation.Schema is null
                ? $"""
                  UPDATE mirrors SET confirmed_at = {dialect.Later}(confirmed_at, @at), agent_id = @agent, source = @source
                  WHERE cluster = @cluster AND db = @db AND member = @member
                  """
                : $"""
                  INSERT INTO mirrors (cluster, db, member, digest, schema, confirmed_at, agent_id, source)
                  VALUES (@cluster, @db, @member, @digest, @schema, @at, @agent, @source)
                  ON CONFLICT (cluster, db, member) DO UPDATE SET
                      digest = excluded.digest, schema = excluded.schema,
                      confirmed_at = {dialect.Later}(mirrors.confirmed_at, excluded.confirmed_at), agent_id = excluded.agent_id, source = excluded.source
                  """)
            .Key(key)
            .Text("@digest", confirmation.Digest)
            .Text("@schema", Json(confirmation.Schema ?? []))
            .Integer("@at", confirmation.At)
            .Text("@agent", confirmation.AgentId)
            .Text("@source", confirmation.Source);
        command.ExecuteNonQuery();
    }

    private static string Json(IReadOnlyList<string> list) => JsonSerializer.Serialize(list.ToList(), StoreJson.Default.ListString);
}
