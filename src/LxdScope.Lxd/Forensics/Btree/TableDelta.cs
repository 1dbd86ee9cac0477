namespace LxdScope.Lxd.Forensics.Btree;

/// <summary>The rows of one table that a transaction changed, by rowid.</summary>
/// <param name="Table">The table as of after the transaction (before it, when it was dropped).</param>
/// <param name="Rows">The rows that differ, in rowid order; empty when they cannot be told apart (a WITHOUT ROWID table).</param>
/// <param name="RowsCounted">False for a WITHOUT ROWID table: its pages changed, its rows are not counted.</param>
internal sealed record TableDelta(SchemaObject Table, IReadOnlyList<RowDelta> Rows, bool RowsCounted);
