namespace LxdScope.Contracts;

/// <summary>
/// One database's content as of <see cref="ReadAt"/>. Every table is named with its hash; only
/// tables that changed since the agent last sent them (or that the collector asked for) carry
/// their rows. When nothing changed at all, <see cref="Tables"/> is null and the digest alone
/// confirms the collector's copy: the cost does not grow with how often nothing happens.
/// </summary>
/// <param name="Digest">Hash over every table's name and hash: equal digests, equal databases.</param>
/// <param name="Schema">Other schema objects (CREATE INDEX/VIEW statements), kept so joins in the console use the same indexes.</param>
public sealed record DatabaseContent(
    DateTimeOffset ReadAt,
    string Digest,
    IReadOnlyList<TableContent>? Tables,
    IReadOnlyList<string>? Schema);
