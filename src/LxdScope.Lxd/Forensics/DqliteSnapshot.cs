using System.Buffers.Binary;
using System.Text;
using K4os.Compression.LZ4.Streams;
using K4os.Hash.xxHash;

namespace LxdScope.Lxd.Forensics;

/// <summary>Decodes the data file of a raft snapshot written by dqlite.</summary>
/// <remarks>
/// raft writes the FSM's buffers as one LZ4 frame when built with LZ4 (the default, and so on
/// Debian's LXD 5.0.2: the files start with the frame magic 04 22 4D 18), with the content size
/// and a content checksum (XXH32) in the frame (canonical/raft src/compress.c); otherwise raw.
/// The content (canonical/dqlite src/fsm.c, encodeSnapshotHeader/encodeDatabase, v1.11):
/// <code>
/// u64 format=1 | u64 n_databases
/// n x { text filename | u64 main_size | u64 wal_size | main_size bytes | wal_size bytes }
/// </code>
/// </remarks>
public static class DqliteSnapshot
{
    private const uint Lz4Magic = 0x184D2204;
    private const ulong Format = 1;

    /// <summary>Decodes a snapshot data file.</summary>
    /// <exception cref="InvalidDataException">The file is damaged; the message says how.</exception>
    public static IReadOnlyList<SnapshotDatabase> Decode(byte[] file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var content = file.Length >= 4 && BinaryPrimitives.ReadUInt32LittleEndian(file) == Lz4Magic ? Decompress(file) : file;
        return Parse(content);
    }

    private static byte[] Decompress(byte[] file)
    {
        var (contentSize, hasChecksum) = FrameHeader(file);
        byte[] content;
        try
        {
            using var decoder = LZ4Stream.Decode(new MemoryStream(file, writable: false));
            // The header's size is only a hint until the content matches it: a damaged one must not
            // allocate gigabytes. LZ4 expands at most 255-fold, so more than that cannot be true.
            using var output = new MemoryStream(contentSize is { } n && n <= (ulong)file.LongLength * 255 && n <= int.MaxValue ? (int)n : 0);
            decoder.CopyTo(output);
            content = output.ToArray();
        }
        catch (Exception e) when (e is InvalidDataException or IOException or ArgumentException or InvalidOperationException or IndexOutOfRangeException
            or NotImplementedException or NotSupportedException)
        {
            // NotImplementedException: the LZ4 library's answer to frame flags it does not support (a dictionary id).
            throw new InvalidDataException($"the LZ4 frame does not decode: {e.Message}", e);
        }

        if (contentSize is { } size && (ulong)content.LongLength != size)
        {
            throw new InvalidDataException($"the LZ4 frame says {size} bytes but decodes to {content.LongLength}");
        }

        // The checksum is the frame's last 4 bytes, after the end mark.
        if (hasChecksum && XXH32.DigestOf(content) != BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(file.Length - 4)))
        {
            throw new InvalidDataException("the LZ4 frame's content checksum does not match");
        }

        return content;
    }

    // https://github.com/lz4/lz4/blob/dev/doc/lz4_Frame_format.md: magic, FLG, BD, [content size].
    private static (ulong? ContentSize, bool HasChecksum) FrameHeader(byte[] file)
    {
        if (file.Length < 15)
        {
            throw new InvalidDataException($"the LZ4 frame is cut short ({file.Length} bytes)");
        }

        var flags = file[4];
        var hasChecksum = (flags & 0x04) != 0;
        ulong? size = (flags & 0x08) != 0 ? BinaryPrimitives.ReadUInt64LittleEndian(file.AsSpan(6)) : null;
        return (size, hasChecksum);
    }

    private static List<SnapshotDatabase> Parse(byte[] content)
    {
        if (content.Length < 16)
        {
            throw new InvalidDataException($"the snapshot content is {content.Length} bytes, shorter than its header");
        }

        var format = BinaryPrimitives.ReadUInt64LittleEndian(content);
        if (format != Format)
        {
            throw new InvalidDataException($"the snapshot format is {format}, expected {Format}");
        }

        var count = BinaryPrimitives.ReadUInt64LittleEndian(content.AsSpan(8));
        if (count > 1024)
        {
            throw new InvalidDataException($"the snapshot claims {count} databases");
        }

        var at = 16;
        var databases = new List<SnapshotDatabase>();
        for (ulong i = 0; i < count; i++)
        {
            var rest = content.AsSpan(at);
            var nul = rest.IndexOf((byte)0);
            if (nul < 0)
            {
                throw new InvalidDataException($"database {i + 1} of the snapshot has no NUL-terminated name");
            }

            var name = Encoding.UTF8.GetString(rest[..nul]);
            at += (nul + 1 + 7) & ~7;
            if (content.Length - at < 16)
            {
                throw new InvalidDataException($"database {name} of the snapshot is cut short in its header");
            }

            var mainSize = BinaryPrimitives.ReadUInt64LittleEndian(content.AsSpan(at));
            var walSize = BinaryPrimitives.ReadUInt64LittleEndian(content.AsSpan(at + 8));
            at += 16;
            if (mainSize > (ulong)(content.Length - at) || walSize > (ulong)(content.Length - at) - mainSize)
            {
                throw new InvalidDataException(
                    $"database {name} of the snapshot claims {mainSize} + {walSize} bytes but only {content.Length - at} follow");
            }

            var main = content.AsMemory(at, (int)mainSize);
            var wal = content.AsMemory(at + (int)mainSize, (int)walSize);
            at += (int)(mainSize + walSize);
            databases.Add(new SnapshotDatabase(name, main, wal));
        }

        if (at != content.Length)
        {
            throw new InvalidDataException($"the snapshot has {content.Length - at} bytes after its last database");
        }

        return databases;
    }
}
