using Microsoft.Data.Sqlite;

namespace LxdScope.Lxd.Content;

/// <summary>Reads every table of a SQLite connection (in practice an in-memory copy of local.db).</summary>
public static class SqliteContentReader
{
    public static DatabaseSnapshot Read(SqliteConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var objects = new List<(string Type, string Name, string Sql)>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY name";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                objects.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
            }
        }

        var tables = new List<TableSnapshot>();
        foreach (var (_, name, sql) in objects.Where(o => o.Type == "table"))
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM {QuoteIdentifier(name)}";
            using var reader = command.ExecuteReader();
            var columns = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToList();
            var rows = new List<object?[]>();
            while (reader.Read())
            {
                var row = new object?[reader.FieldCount];
                for (var i = 0; i < row.Length; i++)
                {
                    row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
                }

                rows.Add(row);
            }

            tables.Add(new TableSnapshot(name, sql, columns, rows, ContentHash.Table(sql, columns, rows)));
        }

        var schema = objects.Where(o => o.Type is "index" or "view").Select(o => o.Sql).ToList();
        return DatabaseSnapshot.Create(tables, schema);
    }

    /// <summary>"name" with embedded quotes doubled: table names come from the database, not from us.</summary>
    public static string QuoteIdentifier(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}
