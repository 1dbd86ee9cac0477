namespace LxdScope.Lxd.Inspection;

/// <param name="LockHeldMilliseconds">How long reading local.db held its SHARED lock.</param>
public sealed record LocalReport(int Schema, string? ClusterAddress, IReadOnlyList<LocalRaftNodeReport> RaftNodes, double LockHeldMilliseconds);
