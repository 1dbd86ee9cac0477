namespace LxdScope.Lxd.Raft;

/// <summary>One segment file of a raft directory and what reading it found.</summary>
/// <param name="FileName">The file name, e.g. "0000000000000002-0000000000000021" or "open-1".</param>
/// <param name="IsOpen">True for open-N segments.</param>
/// <param name="OpenCounter">N for open-N, null for closed segments.</param>
/// <param name="FirstIndex">FIRST from a closed segment's name; for an open segment the index that follows the segments before it.</param>
/// <param name="NameEndIndex">END from a closed segment's name, null for open segments.</param>
/// <param name="Size">The file size in bytes when it was read.</param>
/// <param name="Summary">What reading found, or null if it could not be read.</param>
/// <param name="Health">The verdict on this segment.</param>
public sealed record RaftSegmentFile(
    string FileName,
    bool IsOpen,
    ulong? OpenCounter,
    ulong FirstIndex,
    ulong? NameEndIndex,
    long Size,
    RaftSegmentSummary? Summary,
    RaftSegmentHealth Health);
