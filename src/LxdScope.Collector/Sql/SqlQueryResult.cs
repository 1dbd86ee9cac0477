namespace LxdScope.Collector.Sql;

/// <summary>A console query's answer. Values are null, numbers or strings (blobs as base64).</summary>
/// <param name="Snapshot">The snapshot used; for a fan-out, the oldest of <see cref="Snapshots"/>.</param>
/// <param name="Snapshots">For a fan-out, each member's snapshot.</param>
internal sealed record SqlQueryResult(
    string Cluster,
    string Database,
    string? Member,
    IReadOnlyList<string> Columns,
    IReadOnlyList<IReadOnlyList<object?>> Rows,
    int RowCount,
    bool Truncated,
    double ElapsedMs,
    SqlSnapshotInfo Snapshot,
    IReadOnlyList<SqlSnapshotInfo>? Snapshots);
