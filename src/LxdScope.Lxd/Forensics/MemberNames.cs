using LxdScope.Lxd.Forensics.Btree;

namespace LxdScope.Lxd.Forensics;

/// <summary>
/// The members' names by cluster address, as the global database's <c>nodes</c> table holds them at the
/// point the log has reached: read from the image once, then kept up to date from each transaction's
/// changed <c>nodes</c> rows. Raft's configuration knows members only by id and address; LXD's raft id
/// equals <c>nodes.id</c> only since 4.0, so members are matched by address. A member whose row was
/// deleted keeps its last name, so that its removal from the configuration can still be named.
/// </summary>
internal sealed class MemberNames(RowDecoder decoder)
{
    public const string Table = "nodes";

    private readonly Dictionary<long, (string Address, string Name)> _rows = [];
    private readonly Dictionary<string, string> _former = new(StringComparer.Ordinal);

    /// <summary>False until <see cref="Read"/> ran.</summary>
    public bool Loaded { get; private set; }

    /// <summary>Takes the nodes table of <paramref name="pages"/> as the starting point (none when the database has no such table yet).</summary>
    /// <exception cref="InvalidDataException">The table's b-tree is damaged.</exception>
    public void Read(IPageSource pages)
    {
        Loaded = true;
        if (DatabaseLayout.TableRows(pages, Table) is not { } nodes)
        {
            return;
        }

        foreach (var (rowId, record) in nodes.Rows)
        {
            Set(rowId, decoder.Values(nodes.Table, rowId, record));
        }
    }

    /// <summary>Applies one transaction's changes to the nodes table.</summary>
    public void Apply(TableDelta delta)
    {
        if (delta.Table.Name != Table)
        {
            return;
        }

        foreach (var row in delta.Rows)
        {
            if (_rows.Remove(row.RowId, out var gone))
            {
                _former[gone.Address] = gone.Name;
            }

            Set(row.RowId, decoder.Values(delta.Table, row.RowId, row.After));
        }
    }

    /// <summary>The name of the member at <paramref name="address"/>, or null when the database never named it.</summary>
    public string? Of(string address)
    {
        foreach (var (member, name) in _rows.Values)
        {
            if (member == address)
            {
                return name;
            }
        }

        return _former.GetValueOrDefault(address);
    }

    /// <summary>The names of every address known now.</summary>
    public IReadOnlyDictionary<string, string> Snapshot()
    {
        var names = new Dictionary<string, string>(_former, StringComparer.Ordinal);
        foreach (var (address, name) in _rows.Values)
        {
            names[address] = name;
        }

        return names;
    }

    private void Set(long rowId, List<ColumnValue>? values)
    {
        if (values?.FirstOrDefault(v => v.Column == "address")?.Value is string address
            && values.FirstOrDefault(v => v.Column == "name")?.Value is string name)
        {
            _rows[rowId] = (address, name);
        }
    }
}
