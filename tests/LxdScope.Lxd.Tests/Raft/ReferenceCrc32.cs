namespace LxdScope.Lxd.Tests.Raft;

/// <summary>
/// Bit-by-bit CRC32 (polynomial 0x04C11DB7, MSB-first, init 0, no final xor), written
/// straight from the definition so the table-driven production code is checked against
/// something independent.
/// </summary>
internal static class ReferenceCrc32
{
    public static uint Compute(ReadOnlySpan<byte> data, uint crc = 0)
    {
        foreach (var b in data)
        {
            crc ^= (uint)b << 24;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 0x80000000) != 0 ? (crc << 1) ^ 0x04C11DB7 : crc << 1;
            }
        }

        return crc;
    }
}
