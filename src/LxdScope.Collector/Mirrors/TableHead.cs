namespace LxdScope.Collector.Mirrors;

/// <summary>A mirrored table's latest version; a dropped table's has an empty hash.</summary>
internal readonly record struct TableHead(string Hash, long ValidFrom);
