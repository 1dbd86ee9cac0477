namespace LxdScope.Collector.Mirrors;

/// <summary>A new version of a mirrored table, to be stored; without SQL it records that the table is gone from then on.</summary>
/// <param name="ValidFrom">Unix milliseconds.</param>
/// <param name="Rows">The rows as the agent sent them, gzip'd (<see cref="LxdScope.Collector.Storage.MirrorRows"/>).</param>
internal sealed record TableVersion(string Name, long ValidFrom, string Hash, string? Sql, IReadOnlyList<string>? Columns, byte[]? Rows);
