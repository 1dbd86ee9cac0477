namespace LxdScope.Collector.Storage;

/// <summary>What differs between the stores in the mirror statements; everything else about mirrors is written once.</summary>
/// <param name="CurrentTables">Each table's latest version: name, hash, valid_from (by @cluster, @db, @member).</param>
/// <param name="Later">The SQL function of two values that returns the larger (SQLite's max, PostgreSQL's greatest).</param>
internal sealed record MirrorDialect(string CurrentTables, string Later);
