namespace LxdScope.Lxd.Raft;

/// <summary>A segment already in memory; slices stay valid for as long as the memory does.</summary>
internal sealed class MemorySegmentSource(ReadOnlyMemory<byte> bytes) : RaftSegmentSource
{
    private int _position;

    public override long? Remaining => bytes.Length - _position;

    public override ReadOnlyMemory<byte> Take(int count)
    {
        var available = Math.Min(count, bytes.Length - _position);
        var slice = bytes.Slice(_position, available);
        _position += available;
        return slice;
    }
}
