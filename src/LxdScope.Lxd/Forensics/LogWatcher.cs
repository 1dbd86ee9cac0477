using LxdScope.Lxd.Forensics.Btree;
using LxdScope.Lxd.Raft;

namespace LxdScope.Lxd.Forensics;

/// <summary>
/// Follows a <see cref="LogReplay"/> and tells, for every transaction from <paramref name="from"/>
/// on, which rows of which tables it changed: the pages it writes are kept as they were, and the
/// database before and after is compared where those pages lie (<see cref="DatabaseLayout"/>).
/// </summary>
internal sealed class LogWatcher(PageImage image, ulong from, List<string> warnings) : IReplayObserver
{
    private readonly Dictionary<uint, byte[]?> _before = [];
    private readonly HashSet<uint> _written = [];
    private DatabaseLayout? _layout;

    /// <summary>Every entry replayed, with its command (null for raft's own entries).</summary>
    public event Action<RaftEntry, DqliteCommand?>? EntryRead;

    /// <summary>A transaction from <c>from</c> on is in the image: the tables it changed, or null when they cannot be told.</summary>
    public event Action<RaftEntry, IReadOnlyList<TableDelta>?>? TransactionApplied;

    public void Entry(RaftEntry entry, DqliteCommand? command) => EntryRead?.Invoke(entry, command);

    public void Committing(RaftEntry entry, IEnumerable<uint> pages)
    {
        _before.Clear();
        _written.Clear();
        if (entry.Index < from)
        {
            return;
        }

        foreach (var page in pages)
        {
            if (_written.Add(page))
            {
                _before[page] = image.Get(page) is { } bytes ? (byte[])bytes.Clone() : null;
            }
        }
    }

    public void Committed(RaftEntry entry)
    {
        if (entry.Index < from)
        {
            return;
        }

        var before = new ImagePages(image, _before);
        IReadOnlyList<TableDelta>? deltas;
        try
        {
            _layout ??= DatabaseLayout.Read(before);
            deltas = _layout.Apply(before, new ImagePages(image), _written);
        }
        catch (InvalidDataException e)
        {
            warnings.Add($"entry {entry.Index}: the rows its transaction changed cannot be told ({e.Message})");
            _layout = null;
            deltas = null;
        }

        TransactionApplied?.Invoke(entry, deltas);
    }

    /// <summary>The text encoding of the database, for decoding rows.</summary>
    public System.Text.Encoding TextEncoding =>
        image.Get(1) is { } page1 ? SqliteRecord.TextEncoding(page1) : System.Text.Encoding.UTF8;
}
