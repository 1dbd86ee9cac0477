using Microsoft.Data.Sqlite;

namespace LxdScope.Lxd.Forensics.Btree;

/// <summary>
/// The column names of tables, from their CREATE TABLE statements as SQLite itself parses them
/// (each statement run in a private in-memory database, then <c>PRAGMA table_info</c>).
/// </summary>
internal sealed class TableColumns : IDisposable
{
    private readonly Dictionary<string, ColumnLayout> _known = new(StringComparer.Ordinal);
    private SqliteConnection? _connection;

    /// <summary>The columns of <paramref name="table"/>, and which one (if any) is the rowid under another name.</summary>
    public ColumnLayout Of(SchemaObject table)
    {
        var key = table.Name + "\n" + table.Sql;
        if (!_known.TryGetValue(key, out var columns))
        {
            columns = Parse(table);
            _known[key] = columns;
        }

        return columns;
    }

    public void Dispose() => _connection?.Dispose();

    private ColumnLayout Parse(SchemaObject table)
    {
        if (table == SchemaObject.Master)
        {
            return new ColumnLayout(["type", "name", "tbl_name", "rootpage", "sql"], -1);
        }

        if (table.Sql is null)
        {
            return new ColumnLayout([], -1);
        }

        _connection ??= Open();
        using var transaction = _connection.BeginTransaction();
        try
        {
            using var create = _connection.CreateCommand();
            create.CommandText = table.Sql;
            create.ExecuteNonQuery();
            using var info = _connection.CreateCommand();
            info.CommandText = "SELECT name, type, pk FROM pragma_table_info($t)";
            info.Parameters.AddWithValue("$t", table.Name);
            using var reader = info.ExecuteReader();
            var names = new List<string>();
            var keys = new List<(int Column, string Type)>();
            while (reader.Read())
            {
                if (reader.GetInt64(2) > 0)
                {
                    keys.Add((names.Count, reader.GetString(1)));
                }

                names.Add(reader.GetString(0));
            }

            // https://sqlite.org/lang_createtable.html#rowid: a lone INTEGER PRIMARY KEY is the rowid, stored as NULL in the record.
            var alias = keys is [(var k, var type)] && type.Equals("INTEGER", StringComparison.OrdinalIgnoreCase) ? k : -1;
            return new ColumnLayout(names, alias);
        }
        catch (SqliteException)
        {
            // A statement this SQLite cannot parse: the values are still shown, by position.
            return new ColumnLayout([], -1);
        }
        finally
        {
            transaction.Rollback();
        }
    }

    private static SqliteConnection Open()
    {
        var connection = new SqliteConnection("Data Source=:memory:;Pooling=False");
        connection.Open();
        return connection;
    }
}
