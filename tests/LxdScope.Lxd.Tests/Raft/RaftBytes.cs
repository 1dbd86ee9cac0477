using System.Buffers.Binary;
using System.Text;

namespace LxdScope.Lxd.Tests.Raft;

/// <summary>
/// Builds raft on-disk structures from their documented layouts, with checksums from
/// <see cref="ReferenceCrc32"/>, for cases the real fixtures do not cover.
/// </summary>
internal static class RaftBytes
{
    /// <summary>configuration.c layout: u8 1; u64 n; n x { u64 id; address NUL; u8 role }; padded to 8.</summary>
    public static byte[] Configuration(params (ulong Id, string Address, byte CRole)[] servers)
    {
        var bytes = new List<byte> { 1 };
        bytes.AddRange(U64(checked((ulong)servers.Length)));
        foreach (var (id, address, role) in servers)
        {
            bytes.AddRange(U64(id));
            bytes.AddRange(Encoding.UTF8.GetBytes(address));
            bytes.Add(0);
            bytes.Add(role);
        }

        while (bytes.Count % 8 != 0)
        {
            bytes.Add(0);
        }

        return [.. bytes];
    }

    /// <summary>One batch: crc_header, crc_data, n, headers, payloads padded to 8.</summary>
    public static byte[] Batch(params (ulong Term, byte Type, byte[] Payload)[] entries)
    {
        var header = new List<byte>();
        header.AddRange(U64((ulong)entries.Length));
        var data = new List<byte>();
        foreach (var (term, type, payload) in entries)
        {
            header.AddRange(U64(term));
            header.AddRange([type, 0, 0, 0]);
            header.AddRange(U32((uint)payload.Length));
            data.AddRange(payload);
            while (data.Count % 8 != 0)
            {
                data.Add(0);
            }
        }

        var batch = new List<byte>();
        batch.AddRange(U32(ReferenceCrc32.Compute([.. header])));
        batch.AddRange(U32(ReferenceCrc32.Compute([.. data])));
        batch.AddRange(header);
        batch.AddRange(data);
        return [.. batch];
    }

    /// <summary>u64 format, then the given batches, then optionally a 16-byte zero batch header.</summary>
    public static byte[] Segment(IEnumerable<byte[]> batches, bool zeroTail = false)
    {
        var bytes = new List<byte>(U64(1));
        foreach (var batch in batches)
        {
            bytes.AddRange(batch);
        }

        if (zeroTail)
        {
            bytes.AddRange(new byte[16]);
        }

        return [.. bytes];
    }

    /// <summary>A snapshot .meta: format, crc, configuration index, length, configuration.</summary>
    public static byte[] SnapshotMeta(ulong configurationIndex, byte[] configuration)
    {
        var covered = new List<byte>();
        covered.AddRange(U64(configurationIndex));
        covered.AddRange(U64((ulong)configuration.Length));
        covered.AddRange(configuration);
        var bytes = new List<byte>(U64(1));
        bytes.AddRange(U64(ReferenceCrc32.Compute([.. covered])));
        bytes.AddRange(covered);
        return [.. bytes];
    }

    /// <summary>A metadata file: format, version, term, voted_for.</summary>
    public static byte[] Metadata(ulong version, ulong term, ulong votedFor, ulong format = 1) =>
        [.. U64(format), .. U64(version), .. U64(term), .. U64(votedFor)];

    public static byte[] U64(ulong value)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, value);
        return bytes;
    }

    public static byte[] U32(uint value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, value);
        return bytes;
    }
}
