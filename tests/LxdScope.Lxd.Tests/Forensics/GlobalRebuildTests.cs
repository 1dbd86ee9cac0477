using LxdScope.Lxd.Forensics;
using LxdScope.Lxd.Safety;
using LxdScope.Lxd.Tests.Raft;
using Microsoft.Data.Sqlite;

namespace LxdScope.Lxd.Tests.Forensics;

public sealed class GlobalRebuildTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly TempDirectory _out = new();

    public GlobalRebuildTests() => ForensicsFixtures.CopyTo(_dir.Path);

    public void Dispose()
    {
        _dir.Dispose();
        _out.Dispose();
    }

    private string Output => _out.File("global.db");

    [Fact]
    public void Rebuild_from_snapshot_and_log_reaches_the_last_entry_with_every_write()
    {
        var result = GlobalRebuild.Run(_dir.Path, Output, null, default);

        Assert.Equal(ForensicsFixtures.LastIndex, result.Index);
        Assert.Equal(1UL, result.Term);
        Assert.Equal(ForensicsFixtures.SnapshotIndex, result.SnapshotIndex);
        Assert.Equal(ForensicsFixtures.Snapshot, result.SnapshotFile);
        Assert.Equal(156, result.EntriesReplayed);
        Assert.Equal("from files, as of raft index 1180, term 1", result.AsOf);
        Assert.Empty(result.Warnings);

        // The testbed inserted profiles fx1, fx3, … fx1099, each then edited by the next write.
        Assert.Equal((550L, 550L), Profiles(Output));
        Assert.Equal("ok", Scalar(Output, "PRAGMA integrity_check"));
        Assert.Equal("delete", Scalar(Output, "PRAGMA journal_mode"));
        Assert.Equal(60L, Scalar(Output, "SELECT MAX(version) FROM schema"));
        Assert.Equal(3L, Scalar(Output, "SELECT COUNT(*) FROM nodes"));
    }

    [Theory]
    [InlineData(1024UL, 0L, 474L, 473L)]
    [InlineData(1100UL, 76L, 512L, 511L)]
    [InlineData(1101UL, 77L, 512L, 512L)]
    public void Upto_index_gives_the_database_as_of_exactly_that_entry(ulong upto, long replayed, long profiles, long edited)
    {
        var result = GlobalRebuild.Run(_dir.Path, Output, upto, default);

        Assert.Equal(upto, result.Index);
        Assert.Equal(replayed, result.EntriesReplayed);
        Assert.Equal(ForensicsFixtures.LastIndex, result.LastIndexOnDisk);
        Assert.Equal((profiles, edited), Profiles(Output));
    }

    [Fact]
    public void Log_from_index_1_rebuilds_without_a_snapshot()
    {
        using var log = new TempDirectory();
        RaftFixtures.CopyTo(RaftFixtures.Node1, log.Path);

        var result = GlobalRebuild.Run(log.Path, Output, null, default);

        Assert.Equal(122UL, result.Index);
        Assert.Equal(0UL, result.SnapshotIndex);
        Assert.Null(result.SnapshotFile);
        Assert.Equal(
            "1 node1 127.0.0.1:8443|2 node2 127.0.0.2:8443|3 node3 127.0.0.3:8443",
            Scalar(Output, "SELECT group_concat(id || ' ' || name || ' ' || address, '|') FROM (SELECT * FROM nodes ORDER BY id)"));
    }

    [Fact]
    public void Torn_open_segment_gives_the_database_as_of_the_last_whole_entry_and_says_so()
    {
        var path = _dir.File(ForensicsFixtures.Open);
        var bytes = File.ReadAllBytes(path);
        var last = ForensicsFixtures.Batches(bytes)[^1];
        File.WriteAllBytes(path, bytes[..(last.Offset + (last.Length / 2))]);

        var result = GlobalRebuild.Run(_dir.Path, Output, null, default);

        Assert.Equal(ForensicsFixtures.LastIndex - 1, result.Index);
        Assert.Contains(result.Warnings, w => w.Contains("torn tail", StringComparison.Ordinal));
        Assert.Equal("ok", Scalar(Output, "PRAGMA integrity_check"));
    }

    [Fact]
    public void Mutated_batch_inside_the_open_segment_is_refused_because_sound_batches_follow()
    {
        var path = _dir.File(ForensicsFixtures.Open);
        var bytes = File.ReadAllBytes(path);
        var batches = ForensicsFixtures.Batches(bytes);
        var victim = batches[75]; // entry 1100
        bytes[victim.Offset + victim.Length - 100] ^= 0x40;
        File.WriteAllBytes(path, bytes);

        var e = Assert.Throws<RebuildRefusedException>(() => GlobalRebuild.Run(_dir.Path, Output, null, default));

        Assert.Equal(1099UL, e.IntactUpTo);
        Assert.Contains("data checksum mismatch", e.Message, StringComparison.Ordinal);
        Assert.Contains("not a torn tail", e.Message, StringComparison.Ordinal);
        Assert.Contains("--upto-index 1099", e.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Output));

        // What is intact can still be had, exactly.
        var result = GlobalRebuild.Run(_dir.Path, Output, 1099, default);
        Assert.Equal(1099UL, result.Index);
        Assert.Equal((511L, 511L), Profiles(Output));
    }

    [Fact]
    public void Mutated_closed_segment_is_refused_with_the_index_it_is_intact_up_to()
    {
        SplitLog();
        var path = _dir.File(RaftFixtures.Closed(1025, 1100));
        var bytes = File.ReadAllBytes(path);
        var victim = ForensicsFixtures.Batches(bytes)[50]; // entry 1075
        bytes[victim.Offset + 20] ^= 0x01;
        File.WriteAllBytes(path, bytes);

        var e = Assert.Throws<RebuildRefusedException>(() => GlobalRebuild.Run(_dir.Path, Output, null, default));

        Assert.Equal(1074UL, e.IntactUpTo);
        Assert.Contains("header checksum mismatch", e.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Output));
        Assert.Throws<RebuildRefusedException>(() => GlobalRebuild.Run(_dir.Path, Output, 1100, default));
    }

    [Fact]
    public void Missing_segment_between_closed_segments_is_refused()
    {
        SplitLog();
        File.Delete(_dir.File(RaftFixtures.Closed(1101, 1140)));

        var e = Assert.Throws<RebuildRefusedException>(() => GlobalRebuild.Run(_dir.Path, Output, null, default));

        Assert.Equal(1100UL, e.IntactUpTo);
        Assert.Contains("entries 1101 to 1140 are missing", e.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Output));
        Assert.Equal(1100UL, GlobalRebuild.Run(_dir.Path, Output, 1100, default).Index);
    }

    [Fact]
    public void Missing_snapshot_data_file_is_refused_when_the_log_does_not_reach_back_to_index_1()
    {
        File.Delete(_dir.File(ForensicsFixtures.Snapshot));

        var e = Assert.Throws<RebuildRefusedException>(() => GlobalRebuild.Run(_dir.Path, Output, null, default));

        Assert.Contains("the data file is missing", e.Message, StringComparison.Ordinal);
        Assert.Contains("first index is not stored", e.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Output));
    }

    [Fact]
    public void Damaged_snapshot_is_refused_by_its_checksum()
    {
        var path = _dir.File(ForensicsFixtures.Snapshot);
        var bytes = File.ReadAllBytes(path);
        bytes[bytes.Length / 2] ^= 0x10;
        File.WriteAllBytes(path, bytes);

        var e = Assert.Throws<RebuildRefusedException>(() => GlobalRebuild.Run(_dir.Path, Output, null, default));

        Assert.Contains("snapshot-1-1024-8417772", e.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Output));
    }

    [Fact]
    public void Index_beyond_the_log_or_before_the_snapshot_is_refused()
    {
        var beyond = Assert.Throws<RebuildRefusedException>(() => GlobalRebuild.Run(_dir.Path, Output, 5000, default));
        Assert.Contains("beyond the last entry", beyond.Message, StringComparison.Ordinal);

        var before = Assert.Throws<RebuildRefusedException>(() => GlobalRebuild.Run(_dir.Path, Output, 100, default));
        Assert.Contains("after the index asked for", before.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Output));
    }

    [Fact]
    public void Missing_directory_is_refused()
    {
        var e = Assert.Throws<RebuildRefusedException>(() => GlobalRebuild.Run(_dir.File("nope"), Output, null, default));
        Assert.Contains("no raft directory", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Output_inside_the_raft_directory_is_refused()
    {
        var e = Assert.Throws<OutputPathRefusedException>(() => GlobalRebuild.Run(_dir.Path, _dir.File("global.db"), null, default));
        Assert.Contains("an LXD/Incus directory", e.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(_dir.File("global.db")));
    }

    [Fact]
    public void Output_over_the_local_db_of_the_LXD_directory_holding_the_raft_directory_is_refused()
    {
        // The outage mistake: -o LXD_DIR/database/local.db while rebuilding LXD_DIR/database/global.
        var root = Directory.CreateTempSubdirectory("lxdscope-lxd-").FullName;
        try
        {
            var global = Path.Combine(root, "database", "global");
            Directory.CreateDirectory(global);
            foreach (var file in Directory.EnumerateFiles(_dir.Path))
            {
                File.Copy(file, Path.Combine(global, Path.GetFileName(file)));
            }

            var local = Path.Combine(root, "database", "local.db");
            File.WriteAllText(local, "LXD's own");

            Assert.Throws<OutputPathRefusedException>(() => GlobalRebuild.Run(global, local, null, default));
            Assert.Equal("LXD's own", File.ReadAllText(local));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void Rebuild_never_changes_the_raft_files()
    {
        var before = Directory.EnumerateFiles(_dir.Path).ToDictionary(p => p, File.ReadAllBytes);

        GlobalRebuild.Run(_dir.Path, Output, null, default);

        var after = Directory.EnumerateFiles(_dir.Path).ToDictionary(p => p, File.ReadAllBytes);
        Assert.Equal(before.Keys.Order(), after.Keys.Order());
        Assert.All(before, kv => Assert.Equal(kv.Value, after[kv.Key]));
    }

    // Splits open-3 (entries 1025 to 1180) into closed 1025-1100, 1101-1140, 1141-1160 and open-3.
    private void SplitLog()
    {
        var path = _dir.File(ForensicsFixtures.Open);
        var bytes = File.ReadAllBytes(path);
        var batches = ForensicsFixtures.Batches(bytes);
        Assert.All(batches, b => Assert.Equal(1, b.Entries));
        File.WriteAllBytes(_dir.File(RaftFixtures.Closed(1025, 1100)), ForensicsFixtures.Segment(bytes, batches[..76]));
        File.WriteAllBytes(_dir.File(RaftFixtures.Closed(1101, 1140)), ForensicsFixtures.Segment(bytes, batches[76..116]));
        File.WriteAllBytes(_dir.File(RaftFixtures.Closed(1141, 1160)), ForensicsFixtures.Segment(bytes, batches[116..136]));
        File.WriteAllBytes(path, ForensicsFixtures.Segment(bytes, batches[136..]));
    }

    private static (long Profiles, long Edited) Profiles(string db)
    {
        using var connection = Open(db);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*), COALESCE(SUM(description = 'edited ' || (CAST(substr(name, 3) AS INTEGER) + 1)), 0) FROM profiles WHERE name LIKE 'fx%'";
        using var reader = command.ExecuteReader();
        reader.Read();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    private static object? Scalar(string db, string sql)
    {
        using var connection = Open(db);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    private static SqliteConnection Open(string db)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = db, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }
}
