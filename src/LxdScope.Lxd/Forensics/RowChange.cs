namespace LxdScope.Lxd.Forensics;

/// <summary>One row that differs, by its rowid (the primary key of LXD's tables).</summary>
/// <param name="RowId">The rowid.</param>
/// <param name="Kind">Inserted, deleted or updated.</param>
/// <param name="Before">Its values before (null when inserted).</param>
/// <param name="After">Its values after (null when deleted).</param>
public sealed record RowChange(long RowId, RowChangeKind Kind, IReadOnlyList<ColumnValue>? Before, IReadOnlyList<ColumnValue>? After);
