using System.Buffers.Binary;

namespace LxdScope.Lxd.Forensics;

/// <summary>
/// The database being rebuilt, page by page: the snapshot's main file, then every committed
/// frame laid over it in order (the newest image of a page wins, as a WAL checkpoint would do).
/// </summary>
/// <remarks>
/// Page numbers are 1-based. The size follows dqlite's VFS (src/vfs.c, vfsWalAppend): a commit
/// never shrinks the database, it grows to the highest page written.
/// </remarks>
internal sealed class PageImage
{
    // https://sqlite.org/fileformat.html#the_database_header
    private const int HeaderSize = 100;

    private readonly Dictionary<uint, byte[]> _pages = [];

    /// <summary>Bytes per page, 0 until the first page arrives.</summary>
    public int PageSize { get; private set; }

    /// <summary>The database size in pages.</summary>
    public uint PageCount { get; private set; }

    /// <summary>Pages written so far (frames and main file).</summary>
    public long PagesWritten { get; private set; }

    /// <summary>Starts from a raw SQLite main file (a snapshot's).</summary>
    /// <exception cref="InvalidDataException">The bytes are not a whole number of SQLite pages.</exception>
    public void LoadMain(ReadOnlySpan<byte> main)
    {
        if (main.IsEmpty)
        {
            return;
        }

        if (main.Length < HeaderSize || !main.StartsWith("SQLite format 3\0"u8))
        {
            throw new InvalidDataException("the database file in the snapshot does not start with the SQLite header");
        }

        var raw = BinaryPrimitives.ReadUInt16BigEndian(main[16..]);
        var pageSize = raw == 1 ? 65536 : raw;
        UsePageSize(pageSize, "the snapshot's database header");
        if (main.Length % pageSize != 0)
        {
            throw new InvalidDataException($"the database file in the snapshot is {main.Length} bytes, not a whole number of {pageSize}-byte pages");
        }

        for (var i = 0; i < main.Length / pageSize; i++)
        {
            Put((uint)(i + 1), main.Slice(i * pageSize, pageSize));
        }
    }

    /// <exception cref="InvalidDataException">The page size differs from the one already in use.</exception>
    public void UsePageSize(int pageSize, string source)
    {
        if (PageSize == 0)
        {
            PageSize = pageSize;
        }
        else if (PageSize != pageSize)
        {
            throw new InvalidDataException($"{source} uses {pageSize}-byte pages but the database has {PageSize}-byte pages");
        }
    }

    /// <summary>The stored image of page <paramref name="number"/>, or null if nothing wrote it. Not to be changed.</summary>
    public byte[]? Get(uint number) => _pages.GetValueOrDefault(number);

    /// <summary>Stores a copy of <paramref name="page"/> as page <paramref name="number"/>.</summary>
    public void Put(uint number, ReadOnlySpan<byte> page)
    {
        if (!_pages.TryGetValue(number, out var stored))
        {
            stored = new byte[PageSize];
            _pages[number] = stored;
        }

        page.CopyTo(stored);
        PageCount = Math.Max(PageCount, number);
        PagesWritten++;
    }

    /// <summary>
    /// Writes a plain SQLite file (rollback-journal mode, no WAL needed) to <paramref name="path"/>.
    /// Returns the pages that were never written and left as zeros (none in a sound rebuild).
    /// </summary>
    /// <exception cref="InvalidDataException">There is no page 1.</exception>
    public long WriteTo(string path)
    {
        if (!_pages.TryGetValue(1, out var first))
        {
            throw new InvalidDataException("no page 1: nothing was ever written to the database");
        }

        var size = SizeFromHeader(first) ?? PageCount;
        long missing = 0;
        var zeros = new byte[PageSize];
        using var output = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
        for (uint number = 1; number <= size; number++)
        {
            if (number == 1)
            {
                var header = (byte[])first.Clone();

                // Bytes 18 and 19 are the write and read versions: 2 means WAL, 1 rollback
                // journal. LXD's copy is in WAL mode; a rebuilt file has no WAL, and a reader
                // must not need to create one next to it.
                header[18] = 1;
                header[19] = 1;
                output.Write(header);
            }
            else if (_pages.TryGetValue(number, out var page))
            {
                output.Write(page);
            }
            else
            {
                missing++;
                output.Write(zeros);
            }
        }

        output.Flush(flushToDisk: true);
        return missing;
    }

    // The in-header size counts only when the change counter matches "version-valid-for"
    // (https://sqlite.org/fileformat.html#in_header_database_size); SQLite keeps both up to
    // date on every commit, also in WAL mode.
    private uint? SizeFromHeader(byte[] first)
    {
        var size = BinaryPrimitives.ReadUInt32BigEndian(first.AsSpan(28));
        var counter = BinaryPrimitives.ReadUInt32BigEndian(first.AsSpan(24));
        var validFor = BinaryPrimitives.ReadUInt32BigEndian(first.AsSpan(92));
        return size > 0 && counter == validFor && size <= PageCount ? size : null;
    }
}
