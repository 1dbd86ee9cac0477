namespace LxdScope.Collector.Sql;

/// <summary><c>GET /api/v1/sql/schema</c>: the tables and other schema objects of one mirrored database.</summary>
internal sealed record SchemaResult(IReadOnlyList<TableSchema> Tables, IReadOnlyList<string> Other);
