using System.Text.Json;
using LxdScope.Collector.Mirrors;
using LxdScope.Lxd.Content;
using LxdScope.Collector.Storage;

namespace LxdScope.Collector.Sql;

/// <summary>
/// What changed in a mirrored database between two snapshots: per table, rows added and removed,
/// and rows whose <c>id</c> stayed while other values changed (LXD's tables key on id).
/// </summary>
internal static class MirrorDiff
{
    /// <summary>At most this many rows per list, so that a diff across a mass change stays a readable answer.</summary>
    public const int MaxRowsPerList = 1000;

    public static IReadOnlyList<TableDiff> Compare(MirrorState before, MirrorState after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var old = before.Tables.ToDictionary(t => t.Name, StringComparer.Ordinal);
        var diffs = new List<TableDiff>();
        foreach (var table in after.Tables)
        {
            if (!old.Remove(table.Name, out var was))
            {
                diffs.Add(new TableDiff(table.Name, "created", table.Columns, Cap(Rows(table)), [], []));
            }
            else if (was.Hash != table.Hash)
            {
                diffs.Add(Changed(was, table));
            }
        }

        diffs.AddRange(old.Values.Select(t => new TableDiff(t.Name, "dropped", t.Columns, [], Cap(Rows(t)), [])));
        return diffs.OrderBy(d => d.Table, StringComparer.Ordinal).ToList();
    }

    private static TableDiff Changed(MirrorTable was, MirrorTable now)
    {
        if (!was.Columns.SequenceEqual(now.Columns))
        {
            // A schema change: rows cannot be compared column by column.
            return new TableDiff(now.Name, "changed", now.Columns, Cap(Rows(now)), Cap(Rows(was)), []);
        }

        var beforeRows = Rows(was);
        var afterRows = Rows(now);
        var remaining = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in beforeRows)
        {
            var key = Key(row);
            remaining[key] = remaining.GetValueOrDefault(key) + 1;
        }

        var added = new List<IReadOnlyList<object?>>();
        foreach (var row in afterRows)
        {
            var key = Key(row);
            if (remaining.TryGetValue(key, out var count) && count > 0)
            {
                remaining[key] = count - 1;
            }
            else
            {
                added.Add(row);
            }
        }

        var removed = new List<IReadOnlyList<object?>>();
        foreach (var row in beforeRows)
        {
            var key = Key(row);
            if (remaining.TryGetValue(key, out var count) && count > 0)
            {
                remaining[key] = count - 1;
                removed.Add(row);
            }
        }

        var changed = new List<RowChange>();
        var id = IndexOfId(now.Columns);
        if (id >= 0)
        {
            var removedById = removed.Where(r => r[id] is not null).GroupBy(r => Key([r[id]])).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
            foreach (var row in added.ToList())
            {
                if (row[id] is not null && removedById.Remove(Key([row[id]]), out var before))
                {
                    changed.Add(new RowChange(before, row));
                    added.Remove(row);
                    removed.Remove(before);
                }
            }
        }

        return new TableDiff(now.Name, "changed", now.Columns, Cap(added), Cap(removed), changed.Take(MaxRowsPerList).ToList());
    }

    private static int IndexOfId(IReadOnlyList<string> columns)
    {
        for (var i = 0; i < columns.Count; i++)
        {
            if (string.Equals(columns[i], "id", StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }

    private static List<IReadOnlyList<object?>> Rows(MirrorTable table)
    {
        var rows = new List<IReadOnlyList<object?>>();
        if (table.Rows is null)
        {
            return rows;
        }

        using var document = JsonDocument.Parse(table.Rows);
        foreach (var row in document.RootElement.EnumerateArray())
        {
            rows.Add(row.EnumerateArray().Select(SqlValueJson.Read).ToList());
        }

        return rows;
    }

    private static string Key(IReadOnlyList<object?> row) =>
        string.Join('\u001f', row.Select(v => v switch
        {
            null => "\u0000",
            long l => "i" + l.ToString(System.Globalization.CultureInfo.InvariantCulture),
            double d => "f" + d.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
            _ => "s" + v,
        }));

    private static List<IReadOnlyList<object?>> Cap(List<IReadOnlyList<object?>> rows) => rows.Count <= MaxRowsPerList ? rows : rows.Take(MaxRowsPerList).ToList();
}
