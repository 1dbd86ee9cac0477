namespace LxdScope.Collector.Mirrors;

/// <summary>One mirrored database: a cluster's global database (empty member) or one member's local database.</summary>
/// <param name="Database">"global" or "local".</param>
internal readonly record struct MirrorKey(string Cluster, string Database, string Member);
