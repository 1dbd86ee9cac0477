namespace LxdScope.Collector.Sql;

/// <summary>One table's changes. <see cref="Status"/> is "changed", "created" or "dropped".</summary>
internal sealed record TableDiff(
    string Table,
    string Status,
    IReadOnlyList<string> Columns,
    IReadOnlyList<IReadOnlyList<object?>> Added,
    IReadOnlyList<IReadOnlyList<object?>> Removed,
    IReadOnlyList<RowChange> Changed);
