using LxdScope.Lxd.Api;

namespace LxdScope.Lxd.Content;

/// <summary>
/// Reads every table of the global database through LXD's <c>/internal/sql</c>: one SELECT per
/// table, a few at a time, so LXD serves them like any other small read.
/// </summary>
public static class SocketContentReader
{
    private const int Parallel = 4;

    public static async Task<DatabaseSnapshot> ReadAsync(LxdSocketClient client, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(client);
        var master = await client.SelectAsync(
            "global",
            "SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY name",
            ct);
        var objects = master.Rows
            .Select(r => (Type: r[0] as string ?? "", Name: r[1] as string ?? "", Sql: r[2] as string ?? ""))
            .ToList();

        var names = objects.Where(o => o.Type == "table").ToList();
        var tables = new TableSnapshot[names.Count];
        using var gate = new SemaphoreSlim(Parallel);
        await Task.WhenAll(names.Select(async (t, i) =>
        {
            await gate.WaitAsync(ct);
            try
            {
                // The identifier is quoted and has no ';' (checked by the client), so this is one SELECT.
                var result = await client.SelectAsync("global", $"SELECT * FROM {SqliteContentReader.QuoteIdentifier(t.Name)}", ct);
                var rows = result.Rows.Select(r => r.ToArray()).ToList();
                tables[i] = new TableSnapshot(t.Name, t.Sql, result.Columns, rows, ContentHash.Table(t.Sql, result.Columns, rows));
            }
            finally
            {
                gate.Release();
            }
        }));

        var schema = objects.Where(o => o.Type is "index" or "view").Select(o => o.Sql).ToList();
        return DatabaseSnapshot.Create(tables, schema);
    }
}
