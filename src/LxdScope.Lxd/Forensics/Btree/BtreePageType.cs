namespace LxdScope.Lxd.Forensics.Btree;

/// <summary>The first byte of a b-tree page's header.</summary>
/// <remarks>https://sqlite.org/fileformat.html#b_tree_pages</remarks>
internal enum BtreePageType : byte
{
    IndexInterior = 2,
    TableInterior = 5,
    IndexLeaf = 10,
    TableLeaf = 13,
}
