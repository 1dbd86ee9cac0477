namespace LxdScope.Collector.Sql;

/// <summary>Which content a query saw, and how old it is.</summary>
/// <param name="At">The moment the content is known to be true for: the requested as-of time, or the latest confirmation.</param>
/// <param name="ChangedAt">When this content was first seen (the newest table change at or before <see cref="At"/>).</param>
/// <param name="AgeSeconds">How long ago <see cref="At"/> was.</param>
/// <param name="Stale">No agent has confirmed the latest content for longer than the console's StaleAfter.</param>
/// <param name="Note">Why the content may not be current (quorum lost, agent silent), for the operator.</param>
internal sealed record SqlSnapshotInfo(string? Member, DateTimeOffset At, DateTimeOffset ChangedAt, double AgeSeconds, bool Stale, string? Note);
