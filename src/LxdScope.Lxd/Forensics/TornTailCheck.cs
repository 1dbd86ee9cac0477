using System.Buffers.Binary;
using LxdScope.Lxd.Raft;

namespace LxdScope.Lxd.Forensics;

/// <summary>
/// Tells a torn tail (a write cut short: nothing sound follows it) from damage in the middle
/// of an open segment (sound batches follow the bad one, so entries would be lost).
/// </summary>
/// <remarks>
/// Raft treats the first bad batch of the newest open segment as the end of the log. That is
/// right after a crash, but if a bit flipped inside an older batch, every entry after it would
/// silently vanish. A batch is recognised by its own header checksum, then checked whole.
/// </remarks>
internal static class TornTailCheck
{
    private const int MaxEntries = 4096;

    /// <summary>The byte offset of the first sound batch after <paramref name="validLength"/>, or null if there is none.</summary>
    public static long? FindLaterBatch(string path, long validLength)
    {
        byte[] bytes;
        using (var stream = RaftFileAccess.OpenShared(path))
        {
            bytes = new byte[stream.Length];
            stream.ReadExactly(bytes);
        }

        return FindLaterBatch(bytes, validLength);
    }

    public static long? FindLaterBatch(ReadOnlySpan<byte> bytes, long validLength)
    {
        Span<byte> format = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(format, 1);
        for (var at = (int)validLength + 8; at + 32 <= bytes.Length; at += 8)
        {
            var n = BinaryPrimitives.ReadUInt64LittleEndian(bytes[(at + 8)..]);
            if (n is 0 or > MaxEntries || at + 16 + ((int)n * 16) > bytes.Length)
            {
                continue;
            }

            var header = bytes.Slice(at + 8, 8 + ((int)n * 16));
            if (LxdCrc32.Compute(header) != BinaryPrimitives.ReadUInt32LittleEndian(bytes[at..]))
            {
                continue;
            }

            var candidate = new byte[8 + bytes.Length - at];
            format.CopyTo(candidate);
            bytes[at..].CopyTo(candidate.AsSpan(8));
            if (RaftSegment.Parse(candidate, 1).EntryCount > 0)
            {
                return at;
            }
        }

        return null;
    }
}
