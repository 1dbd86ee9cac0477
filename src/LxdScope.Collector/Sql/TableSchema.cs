namespace LxdScope.Collector.Sql;

/// <summary>One table of a mirrored database, for the schema browser.</summary>
internal sealed record TableSchema(string Name, string Sql, IReadOnlyList<string> Columns);
