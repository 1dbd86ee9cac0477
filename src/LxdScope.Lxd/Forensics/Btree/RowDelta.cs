namespace LxdScope.Lxd.Forensics.Btree;

/// <summary>One row that differs: its record before (null: inserted) and after (null: deleted).</summary>
internal sealed record RowDelta(long RowId, byte[]? Before, byte[]? After);
