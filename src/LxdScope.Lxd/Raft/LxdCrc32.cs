using System.Buffers.Binary;

namespace LxdScope.Lxd.Raft;

/// <summary>
/// The CRC32 that raft stores in segment batches and snapshot .meta files.
/// </summary>
/// <remarks>
/// This is the libiberty table in canonical/dqlite src/raft/byte.c (byteCrc32):
/// polynomial 0x04C11DB7, processed MSB-first, not reflected, initial value 0 and
/// no final xor. System.IO.Hashing.Crc32 is the reflected IEEE variant and gives
/// different values, so it cannot be used here. Computed eight bytes at a time
/// ("slicing-by-8"): inspect checks every segment on each run, megabytes of them.
/// </remarks>
internal static class LxdCrc32
{
    private const uint Polynomial = 0x04C11DB7;

    private static readonly uint[][] Tables = BuildTables();

    /// <summary>Continues a CRC over <paramref name="data"/>; pass 0 to start a new one.</summary>
    public static uint Compute(ReadOnlySpan<byte> data, uint crc = 0)
    {
        var t0 = Tables[0];
        var t1 = Tables[1];
        var t2 = Tables[2];
        var t3 = Tables[3];
        var t4 = Tables[4];
        var t5 = Tables[5];
        var t6 = Tables[6];
        var t7 = Tables[7];
        while (data.Length >= 8)
        {
            var hi = crc ^ BinaryPrimitives.ReadUInt32BigEndian(data);
            var lo = BinaryPrimitives.ReadUInt32BigEndian(data[4..]);
            crc = t7[hi >> 24] ^ t6[(hi >> 16) & 0xFF] ^ t5[(hi >> 8) & 0xFF] ^ t4[hi & 0xFF]
                ^ t3[lo >> 24] ^ t2[(lo >> 16) & 0xFF] ^ t1[(lo >> 8) & 0xFF] ^ t0[lo & 0xFF];
            data = data[8..];
        }

        foreach (var b in data)
        {
            crc = (crc << 8) ^ t0[((crc >> 24) ^ b) & 0xFF];
        }

        return crc;
    }

    private static uint[][] BuildTables()
    {
        var tables = new uint[8][];
        tables[0] = new uint[256];
        for (uint i = 0; i < 256; i++)
        {
            var c = i << 24;
            for (var bit = 0; bit < 8; bit++)
            {
                c = (c & 0x80000000) != 0 ? (c << 1) ^ Polynomial : c << 1;
            }

            tables[0][i] = c;
        }

        // Table k advances a byte through k further zero bytes.
        for (var k = 1; k < 8; k++)
        {
            tables[k] = new uint[256];
            for (var i = 0; i < 256; i++)
            {
                var previous = tables[k - 1][i];
                tables[k][i] = (previous << 8) ^ tables[0][previous >> 24];
            }
        }

        return tables;
    }
}
