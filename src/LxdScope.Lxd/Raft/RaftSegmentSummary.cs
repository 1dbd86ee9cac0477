namespace LxdScope.Lxd.Raft;

/// <summary>What a segment holds, up to the point where reading stopped.</summary>
/// <param name="Format">The disk format from the first 8 bytes (1; 0 for an unused open segment).</param>
/// <param name="FirstIndex">The index given to the first entry.</param>
/// <param name="EntryCount">Entries in the valid batches.</param>
/// <param name="BatchCount">Valid batches.</param>
/// <param name="LastTerm">The term of the last valid entry, or null if there is none.</param>
/// <param name="LastConfiguration">The configuration from the last valid RAFT_CHANGE entry, if any.</param>
/// <param name="ConfigurationError">Why a RAFT_CHANGE entry with a good checksum failed to decode, if one did.</param>
/// <param name="End">Why reading stopped.</param>
/// <param name="ValidLength">Byte offset just past the last valid batch; a torn tail starts here.</param>
/// <param name="EndDetail">Why reading stopped, in plain English.</param>
public sealed record RaftSegmentSummary(
    ulong Format,
    ulong FirstIndex,
    long EntryCount,
    long BatchCount,
    ulong? LastTerm,
    RaftConfiguration? LastConfiguration,
    string? ConfigurationError,
    RaftSegmentEnd End,
    long ValidLength,
    string EndDetail)
{
    /// <summary>The index of the last valid entry, or null if there is none.</summary>
    public ulong? LastIndex => EntryCount == 0 ? null : unchecked(FirstIndex + (ulong)EntryCount - 1);

    /// <summary>True when reading stopped at damaged data rather than at a clean end.</summary>
    public bool IsTorn => End is RaftSegmentEnd.ShortRead
        or RaftSegmentEnd.HeaderChecksumMismatch
        or RaftSegmentEnd.DataChecksumMismatch
        or RaftSegmentEnd.BadBatch;
}
