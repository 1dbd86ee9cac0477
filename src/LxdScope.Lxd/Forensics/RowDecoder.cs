using System.Text;
using LxdScope.Lxd.Forensics.Btree;

namespace LxdScope.Lxd.Forensics;

/// <summary>Turns the raw row differences of a table into counts and, when asked, named values.</summary>
internal sealed class RowDecoder(Encoding text) : IDisposable
{
    private readonly TableColumns _columns = new();

    public TableChange Change(SchemaObject table, IReadOnlyList<RowDelta> rows, bool rowsCounted, bool withRows)
    {
        var inserted = rows.Count(r => r.Before is null);
        var deleted = rows.Count(r => r.After is null);
        var changes = withRows ? rows.Select(r => Row(table, r)).ToList() : [];
        return new TableChange(table.Name, inserted, deleted, rows.Count - inserted - deleted, rowsCounted, changes);
    }

    public void Dispose() => _columns.Dispose();

    private RowChange Row(SchemaObject table, RowDelta row)
    {
        var kind = row.Before is null ? RowChangeKind.Inserted : row.After is null ? RowChangeKind.Deleted : RowChangeKind.Updated;
        return new RowChange(row.RowId, kind, Values(table, row.RowId, row.Before), Values(table, row.RowId, row.After));
    }

    /// <summary>The named values of one row of <paramref name="table"/>; null for no record.</summary>
    public List<ColumnValue>? Values(SchemaObject table, long rowId, byte[]? record)
    {
        if (record is null)
        {
            return null;
        }

        var layout = _columns.Of(table);
        object?[] values;
        try
        {
            values = SqliteRecord.Decode(record, text);
        }
        catch (InvalidDataException e)
        {
            return [new ColumnValue("(undecodable)", e.Message)];
        }

        var named = new List<ColumnValue>(Math.Max(values.Length, layout.Names.Count));
        for (var i = 0; i < Math.Max(values.Length, layout.Names.Count); i++)
        {
            // Rows written before an ALTER TABLE ADD COLUMN hold fewer values than the table has columns.
            var value = i < values.Length ? values[i] : null;
            named.Add(new ColumnValue(layout.Name(i), i == layout.RowIdAlias && value is null ? rowId : value));
        }

        return named;
    }
}
