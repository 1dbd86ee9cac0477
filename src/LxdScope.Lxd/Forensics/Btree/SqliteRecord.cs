using System.Buffers.Binary;
using System.Text;

namespace LxdScope.Lxd.Forensics.Btree;

/// <summary>Decodes a SQLite record into its values: null, long, double, string or byte[].</summary>
/// <remarks>
/// https://sqlite.org/fileformat.html#record_format: varint header size, one varint serial type
/// per column (0 NULL, 1-6 big-endian integers of 1, 2, 3, 4, 6, 8 bytes, 7 a float, 8 and 9
/// the constants 0 and 1, even N &gt;= 12 a blob of (N-12)/2 bytes, odd N &gt;= 13 text of (N-13)/2),
/// then the values in order.
/// </remarks>
internal static class SqliteRecord
{
    /// <exception cref="InvalidDataException">The record is damaged.</exception>
    public static object?[] Decode(ReadOnlySpan<byte> record, Encoding text)
    {
        var at = 0;
        var headerSize = SqliteVarint.Read(record, ref at);
        if (headerSize < at || headerSize > record.Length)
        {
            throw new InvalidDataException($"a record's header claims {headerSize} bytes");
        }

        var types = new List<long>();
        while (at < headerSize)
        {
            types.Add(SqliteVarint.Read(record[..(int)headerSize], ref at));
        }

        var body = (int)headerSize;
        var values = new object?[types.Count];
        for (var i = 0; i < types.Count; i++)
        {
            var type = types[i];
            var size = Size(type);
            if (body + size > record.Length)
            {
                throw new InvalidDataException($"column {i} of a record runs past its end");
            }

            var data = record.Slice(body, size);
            body += size;
            values[i] = type switch
            {
                0 => null,
                1 => (long)(sbyte)data[0],
                2 => (long)BinaryPrimitives.ReadInt16BigEndian(data),
                3 => (long)((BinaryPrimitives.ReadInt32BigEndian([0, .. data]) << 8) >> 8),
                4 => (long)BinaryPrimitives.ReadInt32BigEndian(data),
                5 => (BinaryPrimitives.ReadInt64BigEndian([0, 0, .. data]) << 16) >> 16,
                6 => BinaryPrimitives.ReadInt64BigEndian(data),
                7 => BinaryPrimitives.ReadDoubleBigEndian(data),
                8 => 0L,
                9 => 1L,
                >= 12 when type % 2 == 0 => data.ToArray(),
                >= 13 => text.GetString(data),
                _ => throw new InvalidDataException($"column {i} of a record has the reserved serial type {type}"),
            };
        }

        return values;
    }

    /// <summary>The text encoding the database header names (offset 56: 1 UTF-8, 2 UTF-16le, 3 UTF-16be).</summary>
    public static Encoding TextEncoding(byte[] page1) => BinaryPrimitives.ReadUInt32BigEndian(page1.AsSpan(56)) switch
    {
        2 => Encoding.Unicode,
        3 => Encoding.BigEndianUnicode,
        _ => Encoding.UTF8,
    };

    private static int Size(long type) => type switch
    {
        0 or 8 or 9 => 0,
        1 => 1,
        2 => 2,
        3 => 3,
        4 => 4,
        5 => 6,
        6 or 7 => 8,
        10 or 11 => 0,
        _ when type > int.MaxValue => throw new InvalidDataException($"a record has serial type {type}"),
        _ => (int)((type - 12) / 2),
    };
}
