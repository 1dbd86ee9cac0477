namespace LxdScope.Lxd.Forensics.Btree;

/// <summary>The pages of one b-tree: its interior pages (the root among them unless it is a leaf) and its leaves.</summary>
internal sealed class TreeShape
{
    // SQLite's b-trees are at most about 20 levels deep; a deeper walk means a loop in damaged pages.
    private const int MaxDepth = 64;

    public static readonly TreeShape Empty = new();

    public HashSet<uint> Interior { get; } = [];

    public HashSet<uint> Leaves { get; } = [];

    /// <summary>Walks the tree rooted at <paramref name="root"/>.</summary>
    /// <exception cref="InvalidDataException">A page is missing, is not a b-tree page, or is reached twice.</exception>
    public static TreeShape Walk(IPageSource pages, uint root)
    {
        var shape = new TreeShape();
        var pending = new Stack<(uint Page, int Depth)>();
        pending.Push((root, 0));
        while (pending.TryPop(out var item))
        {
            var (number, depth) = item;
            var bytes = pages.Page(number) ?? throw new InvalidDataException($"page {number} of the b-tree rooted at page {root} is not in the database");
            var page = BtreePage.Parse(bytes, number);
            if (!(page.IsLeaf ? shape.Leaves : shape.Interior).Add(number) || depth > MaxDepth)
            {
                throw new InvalidDataException($"the b-tree rooted at page {root} reaches page {number} twice");
            }

            if (page.IsLeaf)
            {
                continue;
            }

            for (var i = 0; i < page.CellCount; i++)
            {
                pending.Push((page.LeftChild(i), depth + 1));
            }

            pending.Push((page.RightChild, depth + 1));
        }

        return shape;
    }
}
