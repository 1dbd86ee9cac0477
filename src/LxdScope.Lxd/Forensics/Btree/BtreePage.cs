using System.Buffers.Binary;

namespace LxdScope.Lxd.Forensics.Btree;

/// <summary>The header and cell pointers of one b-tree page.</summary>
/// <remarks>
/// https://sqlite.org/fileformat.html#b_tree_pages: page 1 starts after the 100-byte database
/// header; then u8 type | u16 first freeblock | u16 cells | u16 content start | u8 fragmented
/// | u32 right-most child (interior pages only); then one u16 offset per cell, from the page's start.
/// </remarks>
internal readonly struct BtreePage
{
    private const int DatabaseHeaderSize = 100;

    private BtreePage(byte[] bytes, uint number, BtreePageType type, int cellCount, uint rightChild, int pointers)
    {
        Bytes = bytes;
        Number = number;
        Type = type;
        CellCount = cellCount;
        RightChild = rightChild;
        Pointers = pointers;
    }

    public byte[] Bytes { get; }

    public uint Number { get; }

    public BtreePageType Type { get; }

    public int CellCount { get; }

    /// <summary>The right-most child of an interior page, 0 on a leaf.</summary>
    public uint RightChild { get; }

    private int Pointers { get; }

    public bool IsLeaf => Type is BtreePageType.TableLeaf or BtreePageType.IndexLeaf;

    public bool IsTable => Type is BtreePageType.TableLeaf or BtreePageType.TableInterior;

    /// <summary>Parses page <paramref name="number"/>.</summary>
    /// <exception cref="InvalidDataException">It is not a b-tree page, or its header does not fit.</exception>
    public static BtreePage Parse(byte[] bytes, uint number)
    {
        var at = number == 1 ? DatabaseHeaderSize : 0;
        if (bytes.Length < at + 12)
        {
            throw new InvalidDataException($"page {number} is too short for a b-tree page");
        }

        var type = (BtreePageType)bytes[at];
        if (type is not (BtreePageType.IndexInterior or BtreePageType.TableInterior or BtreePageType.IndexLeaf or BtreePageType.TableLeaf))
        {
            throw new InvalidDataException($"page {number} is not a b-tree page (type byte {bytes[at]})");
        }

        var cells = BinaryPrimitives.ReadUInt16BigEndian(bytes.AsSpan(at + 3));
        var leaf = type is BtreePageType.TableLeaf or BtreePageType.IndexLeaf;
        var right = leaf ? 0 : BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(at + 8));
        var pointers = at + (leaf ? 8 : 12);
        if (pointers + (cells * 2) > bytes.Length)
        {
            throw new InvalidDataException($"page {number} claims {cells} cells, more than fit");
        }

        return new BtreePage(bytes, number, type, cells, right, pointers);
    }

    /// <summary>The byte offset of cell <paramref name="i"/>.</summary>
    public int CellOffset(int i)
    {
        var offset = BinaryPrimitives.ReadUInt16BigEndian(Bytes.AsSpan(Pointers + (i * 2)));
        return offset < Bytes.Length ? offset : throw new InvalidDataException($"cell {i} of page {Number} lies outside it");
    }

    /// <summary>The left child of interior cell <paramref name="i"/>.</summary>
    public uint LeftChild(int i)
    {
        var at = CellOffset(i);
        return at + 4 <= Bytes.Length ? BinaryPrimitives.ReadUInt32BigEndian(Bytes.AsSpan(at)) : throw new InvalidDataException($"cell {i} of page {Number} is cut short");
    }
}
