using LxdScope.Lxd.Forensics;
using LxdScope.Lxd.Safety;
using LxdScope.Lxd.Tests.Raft;
using Microsoft.Data.Sqlite;

namespace LxdScope.Lxd.Tests.Forensics;

public sealed class RebuildCacheTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly TempDirectory _cache = new();

    public RebuildCacheTests() => ForensicsFixtures.CopyTo(_dir.Path);

    public void Dispose()
    {
        _dir.Dispose();
        _cache.Dispose();
    }

    private string CacheDir => Path.Combine(_cache.Path, "rebuilds");

    [Fact]
    public void A_second_query_at_the_same_index_uses_the_rebuild_already_made()
    {
        var cache = new RebuildCache(CacheDir);

        var first = cache.Get(_dir.Path, 1100, default, out var firstHit);
        var second = cache.Get(_dir.Path, 1100, default, out var secondHit);

        Assert.False(firstHit);
        Assert.True(secondHit);
        Assert.Equal(first.OutputPath, second.OutputPath);
        Assert.Equal((1100UL, 1UL, ForensicsFixtures.SnapshotIndex, ForensicsFixtures.Snapshot), (second.Index, second.Term, second.SnapshotIndex, second.SnapshotFile));
        Assert.Equal(first.AsOf, second.AsOf);
        Assert.Equal(512L, Count(second.OutputPath, "SELECT COUNT(*) FROM profiles WHERE name LIKE 'fx%'"));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(CacheDir));
        }
    }

    [Fact]
    public void Each_index_has_its_own_rebuild_and_the_last_entry_is_the_default()
    {
        var cache = new RebuildCache(CacheDir);

        var at1024 = cache.Get(_dir.Path, 1024, default, out _);
        var last = cache.Get(_dir.Path, null, default, out _);
        var lastAgain = cache.Get(_dir.Path, ForensicsFixtures.LastIndex, default, out var hit);

        Assert.NotEqual(at1024.OutputPath, last.OutputPath);
        Assert.True(hit);
        Assert.Equal(last.OutputPath, lastAgain.OutputPath);
        Assert.Equal(474L, Count(at1024.OutputPath, "SELECT COUNT(*) FROM profiles WHERE name LIKE 'fx%'"));
        Assert.Equal(550L, Count(last.OutputPath, "SELECT COUNT(*) FROM profiles WHERE name LIKE 'fx%'"));
    }

    [Fact]
    public void The_cache_keeps_at_most_its_bound_of_rebuilds_the_least_recently_used_going_first()
    {
        var cache = new RebuildCache(CacheDir);
        var kept = cache.Get(_dir.Path, 1025, default, out _);
        for (ulong index = 1026; index < 1026 + RebuildCache.MaxEntries; index++)
        {
            cache.Get(_dir.Path, index, default, out _);
            // Used again: the first stays while the others age.
            cache.Get(_dir.Path, 1025, default, out var hit);
            Assert.True(hit);
        }

        Assert.Equal(RebuildCache.MaxEntries, Directory.EnumerateFiles(CacheDir, "*.db").Count());
        Assert.True(File.Exists(kept.OutputPath));
        cache.Get(_dir.Path, 1026, default, out var evicted);
        Assert.False(evicted);
    }

    [Fact]
    public void A_log_rewritten_at_the_same_path_is_not_answered_from_the_old_rebuild()
    {
        var cache = new RebuildCache(CacheDir);
        var before = cache.Get(_dir.Path, 1179, default, out _);

        // Another history at the same path (a test bed set up again, a member wiped and joined anew):
        // here the checkpoint at 1136 taken out, so that every later entry moves down one index.
        var open = Path.Combine(_dir.Path, ForensicsFixtures.Open);
        var bytes = File.ReadAllBytes(open);
        var batches = ForensicsFixtures.Batches(bytes);
        File.WriteAllBytes(open, ForensicsFixtures.Segment(bytes, batches.Where((_, i) => i != 1136 - 1025)));

        var after = cache.Get(_dir.Path, 1179, default, out var hit);

        Assert.False(hit);
        Assert.NotEqual(before.OutputPath, after.OutputPath);
    }

    [Fact]
    public void A_log_changed_before_the_last_entries_up_to_the_index_is_not_answered_from_the_old_rebuild()
    {
        var cache = new RebuildCache(CacheDir);
        var before = cache.Get(_dir.Path, 1179, default, out _);

        // Entry 1030, far before the 64 entries up to 1179, taken out of the segment holding them.
        var open = Path.Combine(_dir.Path, ForensicsFixtures.Open);
        var bytes = File.ReadAllBytes(open);
        var batches = ForensicsFixtures.Batches(bytes);
        File.WriteAllBytes(open, ForensicsFixtures.Segment(bytes, batches.Where((_, i) => i != 1030 - 1025)));

        var after = cache.Get(_dir.Path, 1179, default, out var hit);

        Assert.False(hit);
        Assert.NotEqual(before.OutputPath, after.OutputPath);
    }

    [Fact]
    public void A_snapshot_rewritten_before_the_index_is_not_answered_from_the_old_rebuild()
    {
        var cache = new RebuildCache(CacheDir);
        var before = cache.Get(_dir.Path, 1100, default, out _);

        // The same name, another write: a file before the index is read by the rebuild, not by the lookup.
        var snapshot = Path.Combine(_dir.Path, ForensicsFixtures.Snapshot);
        File.SetLastWriteTimeUtc(snapshot, File.GetLastWriteTimeUtc(snapshot).AddSeconds(1));

        var after = cache.Get(_dir.Path, 1100, default, out var hit);

        Assert.False(hit);
        Assert.NotEqual(before.OutputPath, after.OutputPath);
        Assert.Equal(512L, Count(after.OutputPath, "SELECT COUNT(*) FROM profiles WHERE name LIKE 'fx%'"));
    }

    [Fact]
    public void The_index_of_the_snapshot_is_cached_by_the_snapshot_taken_there()
    {
        var cache = new RebuildCache(CacheDir);

        var first = cache.Get(_dir.Path, ForensicsFixtures.SnapshotIndex, default, out var firstHit);
        var second = cache.Get(_dir.Path, ForensicsFixtures.SnapshotIndex, default, out var secondHit);

        Assert.False(firstHit);
        Assert.True(secondHit);
        Assert.Equal(first.OutputPath, second.OutputPath);
        Assert.StartsWith($"{ForensicsFixtures.SnapshotIndex}-1-", Path.GetFileName(second.OutputPath), StringComparison.Ordinal);
    }

    [Fact]
    public void A_cache_inside_the_lxd_directory_is_refused()
    {
        var lxd = Path.Combine(_cache.Path, "lxd");
        var global = Path.Combine(lxd, "database", "global");
        Directory.CreateDirectory(global);
        ForensicsFixtures.CopyTo(global);

        var e = Assert.Throws<OutputPathRefusedException>(() => new RebuildCache(Path.Combine(lxd, "cache")).Get(global, 1100, default, out _));

        Assert.Contains("the rebuild cache", e.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(lxd, "cache")));
    }

    [Fact]
    public void An_index_beyond_the_log_is_refused()
    {
        var e = Assert.Throws<RebuildRefusedException>(() => new RebuildCache(CacheDir).Get(_dir.Path, 5000, default, out _));
        Assert.Contains("beyond the last entry", e.Message, StringComparison.Ordinal);
    }

    private static long Count(string path, string query)
    {
        using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = query;
        return (long)command.ExecuteScalar()!;
    }
}
