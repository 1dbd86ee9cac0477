using LxdScope.Lxd.Forensics;
using LxdScope.Lxd.Raft;
using LxdScope.Lxd.Tests.Raft;
using Microsoft.Data.Sqlite;

namespace LxdScope.Lxd.Tests.Forensics;

/// <summary>The timeline and the diff on real raft directories (Forensics/Fixtures and Raft/Fixtures).</summary>
public sealed class RaftLogTests : IDisposable
{
    private readonly TempDirectory _snapshot = new();
    private readonly TempDirectory _fromOne = new();
    private readonly TempDirectory _out = new();

    public RaftLogTests()
    {
        ForensicsFixtures.CopyTo(_snapshot.Path);
        RaftFixtures.CopyTo(RaftFixtures.Node1, _fromOne.Path);
    }

    public void Dispose()
    {
        _snapshot.Dispose();
        _fromOne.Dispose();
        _out.Dispose();
    }

    [Fact]
    public void Every_write_after_the_snapshot_is_named_with_its_table_and_row_count()
    {
        var log = RaftLog.Read(_snapshot.Path, new RaftLogOptions(), default);

        Assert.Equal(ForensicsFixtures.SnapshotIndex, log.StartIndex);
        Assert.Equal(ForensicsFixtures.Snapshot, log.StartSnapshot);
        Assert.Equal(3, log.StartMembership!.Servers.Count);
        Assert.Equal((1025UL, 1180UL), (log.FromIndex, log.ToIndex));
        Assert.Null(log.StopReason);
        Assert.Equal(Enumerable.Range(1025, 156).Select(i => (ulong)i), log.Entries.Select(e => e.Index));

        // The writes were INSERT of fxN (odd N) and UPDATE of fx(N-1) (even N), one a transaction:
        // from 474 profiles (473 edited) at 1024 to 550 (550 edited) at 1180.
        var commits = log.Entries.Where(e => e.Kind == RaftLogEntryKind.Commit).ToList();
        Assert.Equal(76, commits.Count(e => Profiles(e) is { Inserted: 1, Deleted: 0, Updated: 0 }));
        Assert.Equal(77, commits.Count(e => Profiles(e) is { Inserted: 0, Deleted: 0, Updated: 1 }));
        Assert.All(commits, e => Assert.Equal(GlobalRebuild.DatabaseName, e.Database));
        Assert.Equal(RaftLogEntryKind.Checkpoint, log.Entries.Single(e => e.Index == 1136).Kind);
        Assert.Equal(RaftLogEntryKind.Barrier, log.Entries.Single(e => e.Index == 1137).Kind);

        // The last entry is a heartbeat round: the leader writes every member's heartbeat in one transaction.
        var heartbeat = Assert.Single(log.Entries.Single(e => e.Index == 1180).Tables);
        Assert.Equal(("nodes", 0, 0, 3), (heartbeat.Table, heartbeat.Inserted, heartbeat.Deleted, heartbeat.Updated));
    }

    [Fact]
    public void Rows_show_the_old_and_new_values_by_column()
    {
        var log = RaftLog.Read(_snapshot.Path, new RaftLogOptions(1100, 1110, Rows: true), default);

        // An INSERT of fxN ('forensics N'), then the UPDATE of the same row to 'edited N+1'.
        var insertAt = log.Entries.First(e => Profiles(e) is { Inserted: 1 });
        var inserted = Assert.Single(Profiles(insertAt)!.Rows);
        Assert.Equal(RowChangeKind.Inserted, inserted.Kind);
        Assert.Null(inserted.Before);
        var values = inserted.After!.ToDictionary(v => v.Column, v => v.Value);
        var n = int.Parse(((string)values["name"]!)[2..], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal($"fx{n}", values["name"]);
        Assert.Equal($"forensics {n}", values["description"]);
        Assert.Equal(1L, values["project_id"]);
        Assert.Equal(inserted.RowId, values["id"]);

        var update = Assert.Single(Profiles(log.Entries.First(e => e.Index > insertAt.Index && Profiles(e) is { Updated: 1 }))!.Rows);
        Assert.Equal(RowChangeKind.Updated, update.Kind);
        Assert.Equal(inserted.RowId, update.RowId);
        Assert.Equal($"forensics {n}", update.Before!.Single(v => v.Column == "description").Value);
        Assert.Equal($"edited {n + 1}", update.After!.Single(v => v.Column == "description").Value);
        Assert.Equal($"fx{n}", update.After!.Single(v => v.Column == "name").Value);
    }

    [Fact]
    public void Membership_changes_are_shown_where_they_happened()
    {
        var log = RaftLog.Read(_fromOne.Path, new RaftLogOptions(), default);

        Assert.Equal(0UL, log.StartIndex);
        Assert.Null(log.StartSnapshot);
        var changes = log.Entries.Where(e => e.Kind == RaftLogEntryKind.Configuration)
            .ToDictionary(e => e.Index, e => e.MembershipChanges.Select(c => (c.Id, c.Before, c.After)).ToList());
        Assert.Equal([1UL, 22, 26, 27, 32, 33, 36], changes.Keys.ToList());
        Assert.Equal([(1UL, (RaftRole?)null, (RaftRole?)RaftRole.Voter)], changes[1]);
        Assert.Equal([(2UL, (RaftRole?)null, (RaftRole?)RaftRole.Spare)], changes[26]);
        Assert.Equal([(2UL, (RaftRole?)RaftRole.Spare, (RaftRole?)RaftRole.StandBy)], changes[27]);
        Assert.Equal([(2UL, (RaftRole?)RaftRole.StandBy, (RaftRole?)RaftRole.Voter)], changes[36]);
        Assert.Equal("127.0.0.1:8443", log.Entries.Single(e => e.Index == 22).MembershipChanges.Single().Address);
        Assert.All(log.Entries.Single(e => e.Index == 36).Membership!.Servers, s => Assert.Equal(RaftRole.Voter, s.Role));

        // The members joined the nodes table just before their raft configuration entries.
        Assert.Equal(1, log.Entries.Single(e => e.Index == 25).Tables.Single(t => t.Table == "nodes").Inserted);
        Assert.Equal(1, log.Entries.Single(e => e.Index == 31).Tables.Single(t => t.Table == "nodes").Inserted);
    }

    [Fact]
    public void Membership_changes_name_each_member_from_the_nodes_table_as_of_that_index()
    {
        var log = RaftLog.Read(_fromOne.Path, new RaftLogOptions(), default);

        var named = log.Entries.Where(e => e.Kind == RaftLogEntryKind.Configuration)
            .ToDictionary(e => e.Index, e => e.MembershipChanges.Select(c => (c.Id, c.Name)).ToList());

        // node2's and node3's rows are inserted at 25 and 31, just before they join the configuration.
        Assert.Equal([(2UL, (string?)"node2")], named[26]);
        Assert.Equal([(2UL, (string?)"node2")], named[27]);
        Assert.Equal([(2UL, (string?)"node2")], named[36]);
        Assert.All(named[32].Concat(named[33]), c => Assert.Equal("node3", c.Name));

        // Before the schema exists nothing is named, and the name is not made up.
        Assert.Equal([(1UL, (string?)null)], named[1]);

        // The whole membership of the last configuration, named by address.
        var last = log.Entries.Last(e => e.Kind == RaftLogEntryKind.Configuration);
        Assert.Equal(
            ["node1", "node2", "node3"],
            last.Membership!.Servers.Select(s => last.MemberNames[s.Address]).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Membership_names_are_read_from_the_image_when_the_timeline_starts_later()
    {
        var log = RaftLog.Read(_fromOne.Path, new RaftLogOptions(FromIndex: 36), default);

        var change = Assert.Single(log.Entries.Single(e => e.Index == 36).MembershipChanges);
        Assert.Equal("node2", change.Name);
    }

    [Fact]
    public void Table_filter_keeps_only_the_transactions_that_changed_it()
    {
        var log = RaftLog.Read(_fromOne.Path, new RaftLogOptions(Table: "NODES"), default);

        Assert.NotEmpty(log.Entries);
        Assert.All(log.Entries, e => Assert.Contains(e.Tables, t => t.Table == "nodes"));
        Assert.Contains(log.Entries, e => e.Index == 25);
    }

    [Theory]
    [InlineData(1024UL, 1180UL)]
    [InlineData(1024UL, 1025UL)]
    [InlineData(1099UL, 1137UL)]
    public void Diff_matches_the_rows_of_the_two_rebuilt_databases(ulong from, ulong to) =>
        AssertDiffMatchesRebuilds(_snapshot.Path, from, to);

    [Theory]
    [InlineData(2UL, 122UL)]
    [InlineData(2UL, 3UL)]
    [InlineData(21UL, 58UL)]
    public void Diff_from_the_first_entries_matches_the_rebuilt_databases(ulong from, ulong to) =>
        AssertDiffMatchesRebuilds(_fromOne.Path, from, to);

    [Fact]
    public void Every_transaction_of_the_log_adds_up_to_the_rebuilt_database()
    {
        // Summed over the whole log from an empty database, inserts minus deletes is every table's row count.
        var log = RaftLog.Read(_fromOne.Path, new RaftLogOptions(), default);
        var rebuilt = Rows(Rebuild(_fromOne.Path, 122));
        var counted = log.Entries.SelectMany(e => e.Tables).GroupBy(t => t.Table).ToDictionary(g => g.Key, g => g.Sum(t => t.Inserted - t.Deleted));
        foreach (var (table, rows) in rebuilt.Where(t => t.Key != "sqlite_master"))
        {
            Assert.True(counted.GetValueOrDefault(table) == rows.Count, $"{table}: {counted.GetValueOrDefault(table)} counted, {rows.Count} in the database");
        }
    }

    [Theory]
    [InlineData(0UL, null, "raft indexes start at 1")]
    [InlineData(1100UL, 1099UL, "--from-index 1100 is after --to-index 1099")]
    [InlineData(1025UL, 1181UL, "index 1181 is beyond the last entry")]
    [InlineData(1000UL, null, "no snapshot at or before index 999 can be used")]
    public void A_range_the_files_cannot_give_is_refused_with_the_reason(ulong from, ulong? to, string reason)
    {
        var e = Assert.Throws<RebuildRefusedException>(() => RaftLog.Read(_snapshot.Path, new RaftLogOptions(from, to), default));
        Assert.Contains(reason, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_diff_backwards_is_refused()
    {
        var e = Assert.Throws<RebuildRefusedException>(() => RaftLog.Diff(_snapshot.Path, 1100, 1050, false, default));
        Assert.Contains("--to-index 1050 is before --from-index 1100", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_torn_tail_ends_the_timeline_at_the_last_whole_entry_and_says_so()
    {
        var open = Path.Combine(_snapshot.Path, ForensicsFixtures.Open);
        var bytes = File.ReadAllBytes(open);
        var last = ForensicsFixtures.Batches(bytes)[^1];
        File.WriteAllBytes(open, bytes[..(last.Offset + (last.Length / 2))]);

        var log = RaftLog.Read(_snapshot.Path, new RaftLogOptions(), default);

        Assert.Equal(1179UL, log.Entries[^1].Index);
        Assert.Equal(1179UL, log.ToIndex);
    }

    private static TableChange? Profiles(RaftLogEntry entry) => entry.Tables.SingleOrDefault(t => t.Table == "profiles");

    private void AssertDiffMatchesRebuilds(string dir, ulong from, ulong to)
    {
        var diff = RaftLog.Diff(dir, from, to, withRows: true, default);
        var before = Rows(Rebuild(dir, from));
        var after = Rows(Rebuild(dir, to));
        var expected = new Dictionary<string, (int Inserted, int Deleted, int Updated)>();
        foreach (var table in before.Keys.Union(after.Keys).Where(t => t != "sqlite_master"))
        {
            var old = before.GetValueOrDefault(table) ?? [];
            var now = after.GetValueOrDefault(table) ?? [];
            var counts = (now.Keys.Count(k => !old.ContainsKey(k)), old.Keys.Count(k => !now.ContainsKey(k)), old.Count(r => now.TryGetValue(r.Key, out var v) && v != r.Value));
            if (counts != (0, 0, 0))
            {
                expected[table] = counts;
            }
        }

        var actual = diff.Tables.Where(t => t.Table != "sqlite_master").ToDictionary(t => t.Table, t => (t.Inserted, t.Deleted, t.Updated));
        Assert.Equal(expected.OrderBy(e => e.Key), actual.OrderBy(e => e.Key));

        // The rows themselves: every new value is the rebuilt database's.
        foreach (var table in diff.Tables.Where(t => t.Table != "sqlite_master"))
        {
            foreach (var row in table.Rows.Where(r => r.After is not null))
            {
                Assert.Equal(after[table.Table][row.RowId], string.Join("|", row.After!.Select(v => Text(v.Value))));
            }
        }
    }

    private string Rebuild(string dir, ulong index)
    {
        var output = _out.File($"{Path.GetFileName(dir)}-{index}.db");
        GlobalRebuild.Run(dir, output, index, default);
        return output;
    }

    // Every table's rows, rowid → values joined, as SQLite reads them.
    private static Dictionary<string, Dictionary<long, string>> Rows(string path)
    {
        using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        connection.Open();
        var tables = new List<string>();
        using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table'";
            using var reader = list.ExecuteReader();
            while (reader.Read())
            {
                tables.Add(reader.GetString(0));
            }
        }

        var all = new Dictionary<string, Dictionary<long, string>>();
        foreach (var table in tables)
        {
            using var select = connection.CreateCommand();
            select.CommandText = $"SELECT rowid, * FROM \"{table}\"";
            using var reader = select.ExecuteReader();
            var rows = new Dictionary<long, string>();
            while (reader.Read())
            {
                rows[reader.GetInt64(0)] = string.Join("|", Enumerable.Range(1, reader.FieldCount - 1).Select(i => Text(reader.IsDBNull(i) ? null : reader.GetValue(i))));
            }

            all[table] = rows;
        }

        return all;
    }

    private static string Text(object? value) => value switch
    {
        null => "NULL",
        byte[] b => Convert.ToHexString(b),
        double d => d.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)!,
    };
}
