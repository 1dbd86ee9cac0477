using LxdScope.Lxd.Api;
using LxdScope.Lxd.Global;
using Microsoft.Data.Sqlite;

namespace LxdScope.Lxd.Sqlite;

/// <summary>SELECTs against an open SQLite connection (a copy of a global database, or a test's).</summary>
public sealed class SqliteSelectSource(SqliteConnection connection) : ISelectSource
{
    public Task<SqlResult> SelectAsync(string query, CancellationToken ct)
    {
        using var command = connection.CreateCommand();
        command.CommandText = query;
        using var reader = command.ExecuteReader();
        var columns = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToList();
        var rows = new List<IReadOnlyList<object?>>();
        while (reader.Read())
        {
            ct.ThrowIfCancellationRequested();
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return Task.FromResult(new SqlResult(columns, rows));
    }
}
