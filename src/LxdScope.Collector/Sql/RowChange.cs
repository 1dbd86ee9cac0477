namespace LxdScope.Collector.Sql;

/// <summary>A row with the same key (its <c>id</c>) before and after.</summary>
internal sealed record RowChange(IReadOnlyList<object?> Before, IReadOnlyList<object?> After);
