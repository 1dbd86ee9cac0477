namespace LxdScope.Collector.Mirrors;

/// <summary>What a store holds of a mirror before a report is applied.</summary>
/// <param name="Digest">The digest of the content last confirmed; null when never confirmed.</param>
/// <param name="Tables">Each table's latest version, by name.</param>
internal sealed record MirrorHead(string? Digest, IReadOnlyDictionary<string, TableHead> Tables);
