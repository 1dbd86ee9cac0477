namespace LxdScope.Lxd.Raft;

/// <summary>
/// The CRC32 that raft stores in segment batches and snapshot .meta files.
/// </summary>
/// <remarks>
/// This is the libiberty table in canonical/dqlite src/raft/byte.c (byteCrc32):
/// polynomial 0x04C11DB7, processed MSB-first, not reflected, initial value 0 and
/// no final xor. System.IO.Hashing.Crc32 is the reflected IEEE variant and gives
/// different values, so it cannot be used here.
/// </remarks>
internal static class LxdCrc32
{
    private const uint Polynomial = 0x04C11DB7;

    private static readonly uint[] Table = BuildTable();

    /// <summary>Continues a CRC over <paramref name="data"/>; pass 0 to start a new one.</summary>
    public static uint Compute(ReadOnlySpan<byte> data, uint crc = 0)
    {
        foreach (var b in data)
        {
            crc = (crc << 8) ^ Table[((crc >> 24) ^ b) & 0xFF];
        }

        return crc;
    }

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (uint i = 0; i < 256; i++)
        {
            var c = i << 24;
            for (var bit = 0; bit < 8; bit++)
            {
                c = (c & 0x80000000) != 0 ? (c << 1) ^ Polynomial : c << 1;
            }

            table[i] = c;
        }

        return table;
    }
}
