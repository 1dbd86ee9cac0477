using System.Globalization;
using LxdScope.Lxd.Global;
using Microsoft.Data.Sqlite;

namespace LxdScope.SystemTests.Testbed;

/// <summary>
/// Every row of every table of a global database, in rowid order, for comparing a rebuilt
/// database with LXD's own .dump.
/// </summary>
/// <remarks>
/// LXD's .dump prints DATETIME columns through Go's time formatting (go-dqlite decodes them):
/// trailing zeros of the nanoseconds dropped, integer epochs written as text. Those values are
/// compared as instants; everything else as stored.
/// </remarks>
internal static class GlobalTables
{
    public static SqliteConnection Open(string path)
    {
        var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        connection.Open();
        return connection;
    }

    /// <summary>Table name → its rows rendered as text, DATETIME values as UTC ticks.</summary>
    public static SortedDictionary<string, List<string>> Read(SqliteConnection connection)
    {
        var tables = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var table in Strings(connection, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"))
        {
            var types = Strings(connection, $"SELECT upper(type) FROM pragma_table_info('{table}') ORDER BY cid");
            var rows = new List<string>();
            using var command = connection.CreateCommand();
            command.CommandText = table == "sqlite_sequence" ? "SELECT * FROM sqlite_sequence ORDER BY name" : $"SELECT * FROM \"{table}\" ORDER BY rowid";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var cells = new string[reader.FieldCount];
                for (var i = 0; i < cells.Length; i++)
                {
                    cells[i] = Cell(reader.IsDBNull(i) ? null : reader.GetValue(i), i < types.Count && types[i] == "DATETIME");
                }

                rows.Add(string.Join('|', cells));
            }

            tables[table] = rows;
        }

        return tables;
    }

    /// <summary>The first difference between two table sets, or null when they are identical.</summary>
    public static string? Difference(SortedDictionary<string, List<string>> expected, SortedDictionary<string, List<string>> actual)
    {
        if (!expected.Keys.SequenceEqual(actual.Keys))
        {
            return $"tables differ: [{string.Join(", ", expected.Keys)}] vs [{string.Join(", ", actual.Keys)}]";
        }

        foreach (var (table, rows) in expected)
        {
            var other = actual[table];
            if (rows.Count != other.Count)
            {
                return $"{table}: {rows.Count} rows vs {other.Count}";
            }

            for (var i = 0; i < rows.Count; i++)
            {
                if (rows[i] != other[i])
                {
                    return $"{table} row {i + 1}: {rows[i]} vs {other[i]}";
                }
            }
        }

        return null;
    }

    private static string Cell(object? value, bool isDateTime) => value switch
    {
        null => "NULL",
        long epoch when isDateTime => DateTimeOffset.FromUnixTimeSeconds(epoch).UtcTicks.ToString(CultureInfo.InvariantCulture),
        string text when isDateTime && LxdTime.Parse(text) is { } time => time.UtcTicks.ToString(CultureInfo.InvariantCulture),
        byte[] bytes => Convert.ToHexString(bytes),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static List<string> Strings(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var list = new List<string>();
        while (reader.Read())
        {
            list.Add(reader.GetString(0));
        }

        return list;
    }
}
