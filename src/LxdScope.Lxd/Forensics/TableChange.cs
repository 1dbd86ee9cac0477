namespace LxdScope.Lxd.Forensics;

/// <summary>What a transaction (or a span of the log) did to one table.</summary>
/// <param name="Table">The table's name.</param>
/// <param name="Inserted">Rows inserted.</param>
/// <param name="Deleted">Rows deleted.</param>
/// <param name="Updated">Rows whose values changed.</param>
/// <param name="RowsCounted">False for a WITHOUT ROWID table: its pages changed, its rows are not told apart.</param>
/// <param name="Rows">The changed rows themselves, when asked for; else empty.</param>
public sealed record TableChange(string Table, int Inserted, int Deleted, int Updated, bool RowsCounted, IReadOnlyList<RowChange> Rows);
