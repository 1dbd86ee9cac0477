namespace LxdScope.Collector.Mirrors;

/// <summary>
/// A mirrored database as of a moment: the table versions in effect then. <see cref="ConfirmedAt"/>
/// is when an agent last confirmed the latest content (its age is the data's age).
/// </summary>
/// <param name="Database">"global" or "local".</param>
/// <param name="Member">The member for a local database; empty for the global one.</param>
public sealed record MirrorState(
    string Cluster,
    string Database,
    string Member,
    DateTimeOffset ConfirmedAt,
    IReadOnlyList<string> Schema,
    IReadOnlyList<MirrorTable> Tables)
{
    /// <summary>Null when the latest content was read through LXD; otherwise where it came from (raft files).</summary>
    public string? Source { get; init; }

    /// <summary>The newest change among the tables: the content is the same from then until the next change.</summary>
    public DateTimeOffset ChangedAt => Tables.Count == 0 ? ConfirmedAt : Tables.Max(t => t.ValidFrom);

    /// <summary>Identifies exactly this content (which table versions), for caching built copies.</summary>
    public string Key => $"{Cluster}\n{Database}\n{Member}\n" + string.Join('\n', Tables.Select(t => $"{t.Name}@{t.ValidFrom.ToUnixTimeMilliseconds()}"));
}
