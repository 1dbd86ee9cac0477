using System.Globalization;
using LxdScope.Lxd.Safety;

namespace LxdScope.Lxd.Forensics;

/// <summary>
/// Rebuilt global databases kept per member directory and index, so that a second query at the
/// same index answers at once. Never inside an LXD/Incus directory (the output-path guard), the
/// directory private to its owner (0700), at most <see cref="MaxEntries"/> rebuilds and
/// <see cref="MaxBytes"/> bytes, the least recently used removed first.
/// </summary>
/// <remarks>
/// A rebuild is named by <see cref="RebuildCacheKey"/>: the raft directory's path, the index, the
/// term there, the entries of the segments near it and the stamps of the files before it.
/// </remarks>
public sealed class RebuildCache(string directory)
{
    /// <summary>Overrides where the cache lives.</summary>
    public const string DirectoryVariable = "LXDSCOPE_CACHE_DIR";

    public const int MaxEntries = 8;

    public const long MaxBytes = 1L << 30;

    private const string Header = "lxdscope rebuild cache 1";

    public string Directory { get; } = directory;

    /// <summary>
    /// $LXDSCOPE_CACHE_DIR, else $XDG_CACHE_HOME/lxdscope/rebuilds, else ~/.cache/lxdscope/rebuilds,
    /// else /var/cache/lxdscope/rebuilds (no home directory, as for a system service).
    /// </summary>
    public static string DefaultDirectory()
    {
        if (Environment.GetEnvironmentVariable(DirectoryVariable) is { Length: > 0 } own)
        {
            return own;
        }

        var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        var home = Environment.GetEnvironmentVariable("HOME");
        var root = xdg is { Length: > 0 } && Path.IsPathRooted(xdg) ? Path.Combine(xdg, "lxdscope")
            : home is { Length: > 0 } && home != "/" ? Path.Combine(home, ".cache", "lxdscope")
            : "/var/cache/lxdscope";
        return Path.Combine(root, "rebuilds");
    }

    /// <summary>The global database of <paramref name="globalDir"/> as of <paramref name="index"/> (default: its last entry), from the cache or rebuilt into it.</summary>
    /// <param name="hit">True when it came from the cache.</param>
    /// <exception cref="RebuildRefusedException">See <see cref="GlobalRebuild.Run"/>.</exception>
    /// <exception cref="OutputPathRefusedException">The cache lies in an LXD/Incus directory.</exception>
    /// <exception cref="IOException">The cache cannot be written.</exception>
    public RebuildResult Get(string globalDir, ulong? index, CancellationToken ct, out bool hit)
    {
        ArgumentNullException.ThrowIfNull(globalDir);
        var cache = OutputPathGuard.Check(Directory, "the rebuild cache", [globalDir, LxdDirectory.HoldingGlobal(globalDir)?.Root]);
        hit = false;
        if (index == 0)
        {
            throw new RebuildRefusedException("--at-index must be at least 1");
        }

        if (RebuildCacheKey.Compute(globalDir, index) is not var (key, wanted))
        {
            // Nothing to name it by (no such entry, an unreadable segment): the rebuild says why.
            return GlobalRebuild.Run(globalDir, Path.Combine(Prepare(cache), "unnamed.db"), index, ct);
        }

        var database = Path.Combine(cache, key + ".db");
        var about = Path.Combine(cache, key + ".txt");
        if (File.Exists(database) && Read(about, database) is { } cached)
        {
            hit = true;
            File.SetLastWriteTimeUtc(about, DateTime.UtcNow);
            return cached;
        }

        Prepare(cache);
        var result = GlobalRebuild.Run(globalDir, database, wanted, ct);
        var partial = $"{about}.partial-{Environment.ProcessId}";
        File.WriteAllLines(partial, [
            Header,
            string.Create(CultureInfo.InvariantCulture, $"{result.Index} {result.Term} {result.SnapshotIndex} {result.EntriesReplayed} {result.TransactionsApplied} {result.LastIndexOnDisk} {result.PageCount}"),
            result.SnapshotFile ?? "",
            .. result.Warnings,
        ]);
        File.Move(partial, about, overwrite: true);
        Evict(cache, keep: key);
        return result;
    }

    private static string Prepare(string cache)
    {
        // The rebuilds hold everything the cluster database holds: for the owner's eyes only.
        if (OperatingSystem.IsWindows())
        {
            System.IO.Directory.CreateDirectory(cache);
        }
        else
        {
            System.IO.Directory.CreateDirectory(cache, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return cache;
    }

    private static RebuildResult? Read(string about, string database)
    {
        try
        {
            var lines = File.ReadAllLines(about);
            if (lines.Length < 3 || lines[0] != Header)
            {
                return null;
            }

            var n = lines[1].Split(' ').Select(v => ulong.Parse(v, CultureInfo.InvariantCulture)).ToArray();
            return new RebuildResult(
                database, n[0], n[1], n[2], lines[2].Length == 0 ? null : lines[2], (long)n[3], (long)n[4], n[5], (long)n[6], lines[3..]);
        }
        catch (Exception e) when (e is IOException or FormatException or IndexOutOfRangeException or OverflowException)
        {
            return null;
        }
    }

    // The least recently used go first, until both bounds hold; the one just made stays.
    private static void Evict(string cache, string keep)
    {
        var entries = new DirectoryInfo(cache).EnumerateFiles("*.txt")
            .Select(f => (Key: Path.GetFileNameWithoutExtension(f.Name), Used: f.LastWriteTimeUtc, Bytes: new FileInfo(Path.ChangeExtension(f.FullName, ".db")) is { Exists: true } db ? db.Length : 0))
            .OrderBy(e => e.Key == keep)
            .ThenBy(e => e.Used)
            .ToList();
        var bytes = entries.Sum(e => e.Bytes);
        var count = entries.Count;
        foreach (var entry in entries.Where(e => e.Key != keep))
        {
            if (count <= MaxEntries && bytes <= MaxBytes)
            {
                break;
            }

            File.Delete(Path.Combine(cache, entry.Key + ".txt"));
            File.Delete(Path.Combine(cache, entry.Key + ".db"));
            count--;
            bytes -= entry.Bytes;
        }
    }
}
