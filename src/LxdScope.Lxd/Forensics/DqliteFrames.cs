namespace LxdScope.Lxd.Forensics;

/// <summary>The body of a dqlite FRAMES command: page images written by one transaction.</summary>
/// <param name="IsCommit">
/// True when these frames end a transaction. dqlite applies them at once; frames without it are
/// held until a later committing FRAMES command (or dropped by UNDO).
/// </param>
/// <param name="Truncate">The truncate field; dqlite 1.x always writes 0.</param>
/// <param name="PageSize">Bytes per page.</param>
/// <param name="PageNumbers">The 1-based page number of each frame.</param>
/// <param name="Pages">The page images, <see cref="PageSize"/> bytes each, in the order of <see cref="PageNumbers"/>.</param>
public sealed record DqliteFrames(bool IsCommit, uint Truncate, int PageSize, IReadOnlyList<uint> PageNumbers, ReadOnlyMemory<byte> Pages)
{
    /// <summary>The image of the <paramref name="i"/>-th frame.</summary>
    public ReadOnlySpan<byte> Page(int i) => Pages.Span.Slice(i * PageSize, PageSize);
}
