namespace LxdScope.Lxd.Raft;

/// <summary>
/// A segment read from a stream with one reusable buffer, so an 8 MiB open segment
/// costs only the bytes up to its end of data.
/// </summary>
internal sealed class StreamSegmentSource(Stream stream) : RaftSegmentSource
{
    // Growth step when the stream length is unknown: memory then only grows as bytes
    // actually arrive, so a corrupt size field cannot force a huge allocation.
    private const int GrowthStep = 1024 * 1024;

    // Asked once: a file's length is a system call, and it is wanted twice per batch. The length
    // when reading began bounds the read; what is appended after that is not part of it.
    private readonly long? _length = stream.CanSeek ? stream.Length : null;

    private byte[] _buffer = new byte[4096];

    public override long? Remaining => _length is { } length ? Math.Max(0, length - stream.Position) : null;

    public override ReadOnlyMemory<byte> Take(int count)
    {
        var filled = 0;
        while (filled < count)
        {
            var want = Math.Min(count, filled + GrowthStep);
            if (_buffer.Length < want)
            {
                Array.Resize(ref _buffer, Math.Max(want, Math.Min(count, _buffer.Length * 2)));
            }

            var read = stream.ReadAtLeast(_buffer.AsSpan(filled, want - filled), want - filled, throwOnEndOfStream: false);
            filled += read;
            if (read == 0 || filled < want)
            {
                break;
            }
        }

        return _buffer.AsMemory(0, filled);
    }
}
