namespace LxdScope.Collector.Audit;

/// <summary>One console request, as the audit keeps it.</summary>
/// <param name="At">When the collector answered it.</param>
/// <param name="User">The console token's name (Collector:Console:Tokens), never the token.</param>
/// <param name="Cluster">As requested; empty when the request could not be read.</param>
/// <param name="Database">As requested ("global" or "local", or what was sent instead); empty when the request could not be read.</param>
/// <param name="Member">The member of a local query; null for the global database or a fan-out over every member.</param>
/// <param name="Query">The query text as sent; for a diff, its time range.</param>
/// <param name="AsOf">The past moment a query looked at; null for the latest content.</param>
/// <param name="Rows">Rows returned (a diff: rows changed); null when nothing was returned.</param>
/// <param name="Reason">Why it was refused or failed, in the words the requester got; null when answered.</param>
public sealed record ConsoleAuditRecord(
    DateTimeOffset At,
    string User,
    ConsoleRequestKind Kind,
    string Cluster,
    string Database,
    string? Member,
    string? Query,
    DateTimeOffset? AsOf,
    int? Rows,
    ConsoleOutcome Outcome,
    string? Reason);
