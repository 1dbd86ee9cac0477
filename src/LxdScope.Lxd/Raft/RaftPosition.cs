namespace LxdScope.Lxd.Raft;

/// <summary>
/// The (term, index) of a member's last raft entry, ordered the way LXD's recovery docs
/// compare members: the higher term wins, then the higher index.
/// </summary>
/// <param name="Term">The term of the last entry.</param>
/// <param name="Index">The index of the last entry.</param>
public readonly record struct RaftPosition(ulong Term, ulong Index) : IComparable<RaftPosition>, IComparable
{
    /// <inheritdoc/>
    public int CompareTo(RaftPosition other)
    {
        var byTerm = Term.CompareTo(other.Term);
        return byTerm != 0 ? byTerm : Index.CompareTo(other.Index);
    }

    /// <inheritdoc/>
    public int CompareTo(object? obj) => obj switch
    {
        null => 1,
        RaftPosition other => CompareTo(other),
        _ => throw new ArgumentException("Not a RaftPosition.", nameof(obj)),
    };

    /// <summary>Whether <paramref name="left"/> is behind <paramref name="right"/>.</summary>
    public static bool operator <(RaftPosition left, RaftPosition right) => left.CompareTo(right) < 0;

    /// <summary>Whether <paramref name="left"/> is ahead of <paramref name="right"/>.</summary>
    public static bool operator >(RaftPosition left, RaftPosition right) => left.CompareTo(right) > 0;

    /// <summary>Whether <paramref name="left"/> is not ahead of <paramref name="right"/>.</summary>
    public static bool operator <=(RaftPosition left, RaftPosition right) => left.CompareTo(right) <= 0;

    /// <summary>Whether <paramref name="left"/> is not behind <paramref name="right"/>.</summary>
    public static bool operator >=(RaftPosition left, RaftPosition right) => left.CompareTo(right) >= 0;

    /// <inheritdoc/>
    public override string ToString() => $"term {Term}, index {Index}";
}
