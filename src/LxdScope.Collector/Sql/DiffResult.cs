namespace LxdScope.Collector.Sql;

/// <summary>The tables that differ between two snapshots (unchanged tables are left out).</summary>
internal sealed record DiffResult(string Cluster, string Database, string? Member, SqlSnapshotInfo From, SqlSnapshotInfo To, IReadOnlyList<TableDiff> Tables);
