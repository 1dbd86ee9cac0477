using System.Buffers.Binary;

namespace LxdScope.Lxd.Forensics.Btree;

/// <summary>One row of a table b-tree leaf: its rowid and where its record lies.</summary>
/// <remarks>
/// https://sqlite.org/fileformat.html#b_tree_pages: varint payload size | varint rowid | the
/// first bytes of the record | u32 first overflow page when it does not all fit. How much stays
/// on the leaf: with U the usable page size, all of it up to U-35 bytes; else M = ((U-12)*32/255)-23
/// and K = M + ((P-M) % (U-4)), K if K &lt;= U-35, else M. An overflow page is u32 next page | U-4 bytes.
/// </remarks>
internal readonly record struct TableLeafCell(long RowId, long PayloadSize, int LocalOffset, int LocalLength, uint FirstOverflow)
{
    public static TableLeafCell Read(BtreePage page, int i, int usable)
    {
        var bytes = page.Bytes;
        var at = page.CellOffset(i);
        var size = SqliteVarint.Read(bytes, ref at);
        var rowId = SqliteVarint.Read(bytes, ref at);
        if (size < 0 || size > int.MaxValue)
        {
            throw new InvalidDataException($"cell {i} of page {page.Number} claims {size} bytes");
        }

        var local = LocalSize(size, usable);
        if (at + local + (local < size ? 4 : 0) > bytes.Length)
        {
            throw new InvalidDataException($"cell {i} of page {page.Number} runs past its end");
        }

        var overflow = local < size ? BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(at + local)) : 0;
        return new TableLeafCell(rowId, size, at, local, overflow);
    }

    /// <summary>The whole record, its overflow pages read from <paramref name="pages"/>.</summary>
    public byte[] Payload(BtreePage page, IPageSource pages, int usable)
    {
        var payload = new byte[PayloadSize];
        page.Bytes.AsSpan(LocalOffset, LocalLength).CopyTo(payload);
        var at = LocalLength;
        foreach (var (bytes, _) in Overflow(pages, usable))
        {
            var take = Math.Min(usable - 4, payload.Length - at);
            bytes.AsSpan(4, take).CopyTo(payload.AsSpan(at));
            at += take;
        }

        return payload;
    }

    /// <summary>The overflow pages of this cell, in chain order.</summary>
    public IEnumerable<(byte[] Bytes, uint Number)> Overflow(IPageSource pages, int usable)
    {
        var remaining = PayloadSize - LocalLength;
        var next = FirstOverflow;
        while (remaining > 0)
        {
            var bytes = pages.Page(next) ?? throw new InvalidDataException($"overflow page {next} of row {RowId} is not in the database");
            yield return (bytes, next);
            remaining -= usable - 4;
            next = BinaryPrimitives.ReadUInt32BigEndian(bytes);
        }
    }

    private static int LocalSize(long size, int usable)
    {
        var max = usable - 35;
        if (size <= max)
        {
            return (int)size;
        }

        var min = ((usable - 12) * 32 / 255) - 23;
        var k = min + (int)((size - min) % (usable - 4));
        return k <= max ? k : min;
    }
}
