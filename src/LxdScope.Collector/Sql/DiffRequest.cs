namespace LxdScope.Collector.Sql;

/// <summary><c>POST /api/v1/sql/diff</c>: what changed in one database between two moments.</summary>
internal sealed record DiffRequest(string Cluster, string Database, string? Member, DateTimeOffset From, DateTimeOffset To);
