namespace LxdScope.Collector.Mirrors;

/// <summary>One version of one mirrored table: in effect from <see cref="ValidFrom"/> until the next version.</summary>
/// <param name="Rows">The table's rows as JSON (an array of arrays), as the agent sent them; null until loaded.</param>
public sealed record MirrorTable(string Name, DateTimeOffset ValidFrom, string Hash, string Sql, IReadOnlyList<string> Columns, byte[]? Rows);
