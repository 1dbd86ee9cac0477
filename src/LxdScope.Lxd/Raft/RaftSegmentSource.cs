namespace LxdScope.Lxd.Raft;

/// <summary>Sequential bytes of one segment, from memory or from a file being read in pieces.</summary>
internal abstract class RaftSegmentSource
{
    /// <summary>Bytes left after the current position, when known; lets the reader reject absurd sizes before allocating.</summary>
    public abstract long? Remaining { get; }

    /// <summary>
    /// Returns the next <paramref name="count"/> bytes, or fewer at the end of the data.
    /// The result stays valid until the next call.
    /// </summary>
    public abstract ReadOnlyMemory<byte> Take(int count);
}
