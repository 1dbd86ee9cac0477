namespace LxdScope.Lxd.Forensics.Btree;

/// <summary>
/// Which b-tree every page of the database belongs to, kept up to date transaction by
/// transaction, and the rows each transaction changed, table by table, by rowid.
/// </summary>
/// <remarks>
/// A transaction writes whole pages. The rows it changed lie on the leaves it wrote, on the
/// leaves it took out of a tree without writing them (a page freed by a delete keeps its old
/// bytes) and on the leaves it added; and on leaves whose overflow pages it rewrote in place
/// (SQLite overwrites a same-size record without touching its leaf). So only the trees that own a
/// written page are walked again — their interior pages, which are few — and only those leaves'
/// rows are compared, before and after, by rowid. An index b-tree mirrors its table and is only
/// kept track of, not compared.
/// </remarks>
internal sealed class DatabaseLayout
{
    private const int UsableSizeReservedOffset = 20;

    private readonly Dictionary<uint, uint> _treeOf = [];
    private readonly Dictionary<uint, (uint Root, uint Leaf)> _overflowOf = [];
    private readonly Dictionary<uint, List<uint>> _overflowByLeaf = [];
    private readonly Dictionary<uint, TreeShape> _trees = [];
    private Dictionary<uint, SchemaObject> _schema = [];

    /// <summary>The tables and indexes, by root page.</summary>
    public IReadOnlyDictionary<uint, SchemaObject> Schema => _schema;

    /// <summary>The layout of the database in <paramref name="pages"/> (empty when it has no page 1 yet).</summary>
    /// <exception cref="InvalidDataException">The database's b-trees are damaged.</exception>
    public static DatabaseLayout Read(IPageSource pages)
    {
        var layout = new DatabaseLayout();
        if (pages.Page(1) is null)
        {
            return layout;
        }

        layout._schema = ReadSchema(pages);
        var usable = Usable(pages);
        foreach (var (root, table) in layout._schema)
        {
            var shape = TreeShape.Walk(pages, root);
            layout.Take(root, shape);
            if (table.IsRowidTable)
            {
                foreach (var leaf in shape.Leaves)
                {
                    layout.TrackOverflow(root, leaf, pages, usable);
                }
            }
        }

        return layout;
    }

    /// <summary>
    /// Moves the layout from <paramref name="before"/> to <paramref name="after"/>, the database
    /// once the pages in <paramref name="written"/> were written, and returns the rows that
    /// changed in each table touched.
    /// </summary>
    /// <exception cref="InvalidDataException">A b-tree is damaged; the layout must then be read again.</exception>
    public List<TableDelta> Apply(IPageSource before, IPageSource after, IReadOnlySet<uint> written)
    {
        var oldSchema = _schema;
        var schemaTouched = written.Contains(1) || written.Any(p => _treeOf.TryGetValue(p, out var r) && r == 1);
        var newSchema = schemaTouched ? ReadSchema(after) : oldSchema;

        var touched = new SortedSet<uint>();
        var overflowLeaves = new HashSet<uint>();
        foreach (var page in written)
        {
            if (_treeOf.TryGetValue(page, out var root))
            {
                touched.Add(root);
            }

            if (_overflowOf.TryGetValue(page, out var owner))
            {
                touched.Add(owner.Root);
                overflowLeaves.Add(owner.Leaf);
            }

            if (newSchema.ContainsKey(page))
            {
                touched.Add(page);
            }
        }

        touched.UnionWith(oldSchema.Keys.Where(r => !newSchema.ContainsKey(r)));
        touched.UnionWith(newSchema.Keys.Where(r => !oldSchema.ContainsKey(r)));

        var usableBefore = before.Page(1) is null ? 0 : Usable(before);
        var usableAfter = after.Page(1) is null ? 0 : Usable(after);
        var deltas = new List<TableDelta>();
        foreach (var root in touched)
        {
            var oldShape = _trees.GetValueOrDefault(root) ?? TreeShape.Empty;
            var oldTable = oldSchema.GetValueOrDefault(root);
            var newTable = newSchema.GetValueOrDefault(root);
            var newShape = newTable is null ? TreeShape.Empty : TreeShape.Walk(after, root);

            // A root page reused by another object counts as the old one gone and a new one made.
            var same = oldTable is not null && newTable is not null && oldTable.Type == newTable.Type && oldTable.Name == newTable.Name;
            var beforeLeaves = oldShape.Leaves.Where(l => !same || written.Contains(l) || !newShape.Leaves.Contains(l) || overflowLeaves.Contains(l)).ToList();
            var afterLeaves = newShape.Leaves.Where(l => !same || written.Contains(l) || !oldShape.Leaves.Contains(l) || overflowLeaves.Contains(l)).ToList();

            if (oldTable is { Type: "table" } || newTable is { Type: "table" })
            {
                if (same)
                {
                    deltas.Add(Compare(newTable!, before, beforeLeaves, usableBefore, after, afterLeaves, usableAfter));
                }
                else
                {
                    if (oldTable is { Type: "table" })
                    {
                        deltas.Add(Compare(oldTable, before, beforeLeaves, usableBefore, after, [], usableAfter));
                    }

                    if (newTable is { Type: "table" })
                    {
                        deltas.Add(Compare(newTable, before, [], usableBefore, after, afterLeaves, usableAfter));
                    }
                }
            }

            Drop(root, oldShape, beforeLeaves);
            if (newTable is null)
            {
                continue;
            }

            Take(root, newShape);
            if (newTable.IsRowidTable)
            {
                foreach (var leaf in afterLeaves)
                {
                    TrackOverflow(root, leaf, after, usableAfter);
                }
            }
        }

        _schema = newSchema;

        // A table created empty, or rewritten with the same rows, changed no row.
        return deltas.Where(d => d.Rows.Count > 0 || !d.RowsCounted)
            .OrderBy(d => d.Table.Name.StartsWith("sqlite_", StringComparison.Ordinal))
            .ThenBy(d => d.Table.Name, StringComparer.Ordinal)
            .ToList();
    }

    private static TableDelta Compare(
        SchemaObject table, IPageSource before, List<uint> beforeLeaves, int usableBefore, IPageSource after, List<uint> afterLeaves, int usableAfter)
    {
        if (!table.IsRowidTable)
        {
            return new TableDelta(table, [], RowsCounted: false);
        }

        var old = Rows(before, beforeLeaves, usableBefore);
        var now = Rows(after, afterLeaves, usableAfter);
        var changes = new List<RowDelta>();
        foreach (var (rowId, record) in old)
        {
            if (!now.TryGetValue(rowId, out var current))
            {
                changes.Add(new RowDelta(rowId, record, null));
            }
            else if (!record.AsSpan().SequenceEqual(current))
            {
                changes.Add(new RowDelta(rowId, record, current));
            }
        }

        changes.AddRange(now.Where(r => !old.ContainsKey(r.Key)).Select(r => new RowDelta(r.Key, null, r.Value)));
        changes.Sort((a, b) => a.RowId.CompareTo(b.RowId));
        return new TableDelta(table, changes, RowsCounted: true);
    }

    private static Dictionary<long, byte[]> Rows(IPageSource pages, List<uint> leaves, int usable)
    {
        var rows = new Dictionary<long, byte[]>();
        foreach (var number in leaves)
        {
            var page = BtreePage.Parse(pages.Page(number)!, number);
            for (var i = 0; i < page.CellCount; i++)
            {
                var cell = TableLeafCell.Read(page, i, usable);
                rows[cell.RowId] = cell.Payload(page, pages, usable);
            }
        }

        return rows;
    }

    private void Take(uint root, TreeShape shape)
    {
        foreach (var page in shape.Interior.Concat(shape.Leaves))
        {
            _treeOf[page] = root;
        }

        _trees[root] = shape;
    }

    private void Drop(uint root, TreeShape shape, List<uint> leavesChanged)
    {
        foreach (var page in shape.Interior.Concat(shape.Leaves))
        {
            if (_treeOf.TryGetValue(page, out var owner) && owner == root)
            {
                _treeOf.Remove(page);
            }
        }

        foreach (var leaf in leavesChanged)
        {
            if (_overflowByLeaf.Remove(leaf, out var pages))
            {
                foreach (var page in pages.Where(p => _overflowOf.TryGetValue(p, out var o) && o.Leaf == leaf))
                {
                    _overflowOf.Remove(page);
                }
            }
        }

        _trees.Remove(root);
    }

    private void TrackOverflow(uint root, uint leaf, IPageSource pages, int usable)
    {
        var page = BtreePage.Parse(pages.Page(leaf)!, leaf);
        List<uint>? chain = null;
        for (var i = 0; i < page.CellCount; i++)
        {
            var cell = TableLeafCell.Read(page, i, usable);
            if (cell.FirstOverflow == 0)
            {
                continue;
            }

            chain ??= [];
            foreach (var (_, number) in cell.Overflow(pages, usable))
            {
                chain.Add(number);
                _overflowOf[number] = (root, leaf);
            }
        }

        if (chain is not null)
        {
            _overflowByLeaf[leaf] = chain;
        }
    }

    /// <summary>Every row of the rowid table <paramref name="name"/> in <paramref name="pages"/>, or null when there is no such table.</summary>
    /// <exception cref="InvalidDataException">The table's b-tree is damaged.</exception>
    public static (SchemaObject Table, Dictionary<long, byte[]> Rows)? TableRows(IPageSource pages, string name)
    {
        if (pages.Page(1) is null || ReadSchema(pages).Values.FirstOrDefault(t => t.Name == name && t.IsRowidTable) is not { } table)
        {
            return null;
        }

        return (table, Rows(pages, TreeShape.Walk(pages, table.RootPage).Leaves.ToList(), Usable(pages)));
    }

    private static Dictionary<uint, SchemaObject> ReadSchema(IPageSource pages)
    {
        var schema = new Dictionary<uint, SchemaObject>();
        if (pages.Page(1) is not { } page1)
        {
            return schema;
        }

        schema[1] = SchemaObject.Master;
        var usable = Usable(pages);
        var text = SqliteRecord.TextEncoding(page1);
        foreach (var number in TreeShape.Walk(pages, 1).Leaves)
        {
            var page = BtreePage.Parse(pages.Page(number)!, number);
            for (var i = 0; i < page.CellCount; i++)
            {
                var values = SqliteRecord.Decode(TableLeafCell.Read(page, i, usable).Payload(page, pages, usable), text);
                if (values is [string type, string name, _, long root, ..] && root > 0 && root <= uint.MaxValue && type is "table" or "index")
                {
                    schema[(uint)root] = new SchemaObject(type, name, (uint)root, values.Length > 4 ? values[4] as string : null);
                }
            }
        }

        return schema;
    }

    // https://sqlite.org/fileformat.html#reserved_bytes_per_page
    private static int Usable(IPageSource pages) => pages.PageSize - pages.Page(1)![UsableSizeReservedOffset];
}
