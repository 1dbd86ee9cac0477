using System.Buffers.Binary;

namespace LxdScope.Lxd.Forensics;

/// <summary>Applies the committed frames of a SQLite WAL file to a <see cref="PageImage"/>.</summary>
/// <remarks>
/// Format from https://sqlite.org/fileformat.html#the_write_ahead_log: a 32-byte header
/// (magic 0x377f0682/3, version, page size, checkpoint sequence, two salts, two checksums), then
/// frames of a 24-byte header (page number, database size after commit or 0, the two salts,
/// two cumulative checksums) and one page. dqlite keeps its WAL in memory and puts it in every
/// snapshot (before dqlite 1.17); it holds committed transactions only, so a frame that fails
/// its salt or checksum means damage, not a write in progress.
/// </remarks>
internal static class SqliteWal
{
    private const uint MagicLittleEndian = 0x377f0682;
    private const uint MagicBigEndian = 0x377f0683;
    private const int HeaderSize = 32;
    private const int FrameHeaderSize = 24;

    /// <summary>Applies the WAL and returns how many frames it held.</summary>
    /// <exception cref="InvalidDataException">The WAL is damaged.</exception>
    public static int ApplyTo(PageImage image, ReadOnlySpan<byte> wal)
    {
        if (wal.IsEmpty)
        {
            return 0;
        }

        if (wal.Length < HeaderSize)
        {
            throw new InvalidDataException($"the WAL in the snapshot is {wal.Length} bytes, shorter than its header");
        }

        var magic = BinaryPrimitives.ReadUInt32BigEndian(wal);
        if (magic is not MagicLittleEndian and not MagicBigEndian)
        {
            throw new InvalidDataException($"the WAL in the snapshot has magic 0x{magic:x8}");
        }

        var bigEndian = magic == MagicBigEndian;
        var pageSize = (int)BinaryPrimitives.ReadUInt32BigEndian(wal[8..]);
        image.UsePageSize(pageSize, "the WAL in the snapshot");
        var salt1 = BinaryPrimitives.ReadUInt32BigEndian(wal[16..]);
        var salt2 = BinaryPrimitives.ReadUInt32BigEndian(wal[20..]);
        var (s1, s2) = Checksum(wal[..24], 0, 0, bigEndian);
        if (s1 != BinaryPrimitives.ReadUInt32BigEndian(wal[24..]) || s2 != BinaryPrimitives.ReadUInt32BigEndian(wal[28..]))
        {
            throw new InvalidDataException("the WAL header in the snapshot fails its checksum");
        }

        var frameSize = FrameHeaderSize + pageSize;
        if ((wal.Length - HeaderSize) % frameSize != 0)
        {
            throw new InvalidDataException($"the WAL in the snapshot is {wal.Length} bytes, not a whole number of {frameSize}-byte frames");
        }

        var frames = (wal.Length - HeaderSize) / frameSize;
        var pending = new List<int>();
        for (var i = 0; i < frames; i++)
        {
            var frame = wal.Slice(HeaderSize + (i * frameSize), frameSize);
            if (BinaryPrimitives.ReadUInt32BigEndian(frame[8..]) != salt1 || BinaryPrimitives.ReadUInt32BigEndian(frame[12..]) != salt2)
            {
                throw new InvalidDataException($"frame {i + 1} of the WAL in the snapshot has the wrong salt");
            }

            (s1, s2) = Checksum(frame[..8], s1, s2, bigEndian);
            (s1, s2) = Checksum(frame[FrameHeaderSize..], s1, s2, bigEndian);
            if (s1 != BinaryPrimitives.ReadUInt32BigEndian(frame[16..]) || s2 != BinaryPrimitives.ReadUInt32BigEndian(frame[20..]))
            {
                throw new InvalidDataException($"frame {i + 1} of the WAL in the snapshot fails its checksum");
            }

            pending.Add(i);
            if (BinaryPrimitives.ReadUInt32BigEndian(frame[4..]) == 0)
            {
                continue;
            }

            foreach (var k in pending)
            {
                var f = wal.Slice(HeaderSize + (k * frameSize), frameSize);
                image.Put(BinaryPrimitives.ReadUInt32BigEndian(f), f[FrameHeaderSize..]);
            }

            pending.Clear();
        }

        if (pending.Count > 0)
        {
            throw new InvalidDataException($"the WAL in the snapshot ends in {pending.Count} frames of an uncommitted transaction");
        }

        return frames;
    }

    // SQLite's walChecksumBytes: pairs of 32-bit words in the byte order the magic names.
    private static (uint S1, uint S2) Checksum(ReadOnlySpan<byte> data, uint s1, uint s2, bool bigEndian)
    {
        for (var i = 0; i + 8 <= data.Length; i += 8)
        {
            var x0 = bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(data[i..]) : BinaryPrimitives.ReadUInt32LittleEndian(data[i..]);
            var x1 = bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(data[(i + 4)..]) : BinaryPrimitives.ReadUInt32LittleEndian(data[(i + 4)..]);
            unchecked
            {
                s1 += x0 + s2;
                s2 += x1 + s1;
            }
        }

        return (s1, s2);
    }
}
