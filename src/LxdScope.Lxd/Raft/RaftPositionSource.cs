namespace LxdScope.Lxd.Raft;

/// <summary>Where a <see cref="RaftPosition"/> came from.</summary>
public enum RaftPositionSource
{
    /// <summary>Nothing on disk: term and index are 0.</summary>
    None = 1,

    /// <summary>The last valid entry in the segments.</summary>
    Log = 2,

    /// <summary>The newest snapshot, because the log holds nothing after it.</summary>
    Snapshot = 3,

    /// <summary>No entries or snapshot: the term is the metadata term and the index 0.</summary>
    Metadata = 4,
}
