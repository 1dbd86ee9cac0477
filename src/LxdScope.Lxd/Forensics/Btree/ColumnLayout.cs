namespace LxdScope.Lxd.Forensics.Btree;

/// <summary>A table's column names in record order; <paramref name="RowIdAlias"/> the INTEGER PRIMARY KEY column, -1 if none.</summary>
internal sealed record ColumnLayout(IReadOnlyList<string> Names, int RowIdAlias)
{
    public string Name(int i) => i < Names.Count ? Names[i] : $"column{i + 1}";
}
