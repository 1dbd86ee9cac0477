namespace LxdScope.Lxd.Forensics.Btree;

/// <summary>SQLite's variable-length integer: 1 to 9 bytes, big-endian, 7 bits a byte, all 8 in the ninth.</summary>
/// <remarks>https://sqlite.org/fileformat.html#varint</remarks>
internal static class SqliteVarint
{
    /// <summary>Reads a varint at <paramref name="at"/> and moves past it.</summary>
    /// <exception cref="InvalidDataException">It runs past the end of <paramref name="bytes"/>.</exception>
    public static long Read(ReadOnlySpan<byte> bytes, ref int at)
    {
        ulong value = 0;
        for (var i = 0; i < 9; i++)
        {
            if (at >= bytes.Length)
            {
                throw new InvalidDataException("a varint runs past the end of its page");
            }

            var b = bytes[at++];
            if (i == 8)
            {
                return (long)((value << 8) | b);
            }

            value = (value << 7) | (uint)(b & 0x7f);
            if ((b & 0x80) == 0)
            {
                break;
            }
        }

        return (long)value;
    }
}
