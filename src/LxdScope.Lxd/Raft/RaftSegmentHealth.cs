namespace LxdScope.Lxd.Raft;

/// <summary>Verdict on one segment file in its place in the directory.</summary>
public enum RaftSegmentHealth
{
    /// <summary>Every batch is sound and it ends where it should.</summary>
    Ok = 1,

    /// <summary>A preallocated open segment that holds no data yet.</summary>
    Unused = 2,

    /// <summary>The newest open segment ends in a damaged batch: normal after a crash or while LXD writes; raft drops the tail.</summary>
    TornTail = 3,

    /// <summary>Damaged or inconsistent data where raft expects it sound; entries are lost.</summary>
    Corrupt = 4,

    /// <summary>The file could not be read (it vanished or access was denied).</summary>
    Unreadable = 5,
}
