namespace LxdScope.Contracts;

/// <summary>
/// The content of LXD's databases for the collector's SQL console: this member's local.db, and
/// the global database when the collector has chosen this agent to send it (one per cluster).
/// A part is null when it was not due this cycle.
/// </summary>
public sealed record DatabaseContentSection(DatabaseContent? Local, DatabaseContent? Global);
