using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using LxdScope.SystemTests.Testbed;
using LxdScope.Lxd.Forensics;
using LxdScope.Lxd.Raft;

namespace LxdScope.SystemTests.Commands;

/// <summary>
/// The global database rebuilt from the real members' raft files, against what LXD (or Incus)
/// itself holds; and the same when two of three voters are killed (they are started again before
/// the test ends).
/// </summary>
public abstract partial class ForensicsCommandChecks(ClusterTestbed testbed) : IDisposable
{
    private static readonly string[] Members = ["node1", "node2", "node3"];
    private readonly string _scratch = Directory.CreateTempSubdirectory("lxdscope-forensics-test-").FullName;

    public void Dispose()
    {
        Directory.Delete(_scratch, recursive: true);
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task Rebuild_from_every_members_files_equals_the_live_database_after_a_snapshot()
    {
        await testbed.WaitAllOnline("node1", TimeSpan.FromSeconds(90));

        // Over 1,024 entries, so every member takes a snapshot (dqlite's threshold): each
        // statement runs in its own transaction, one raft entry each. A statement can meet
        // "database is locked" (LXD's own writes): the batches are idempotent and retried.
        for (var batch = 0; batch < 24; batch++)
        {
            var statements = Enumerable.Range(batch * 50, 50).Select(i => i % 2 == 0
                ? $"INSERT OR IGNORE INTO profiles(name,description,project_id) VALUES('fz{i}','',1)"
                : $"UPDATE profiles SET description='e{i}' WHERE name='fz{i - 1}'");
            ProcessResult write;
            var attempts = 0;
            do
            {
                write = await testbed.LxdSql("node1", "global", string.Join(';', statements));
            }
            while (write.ExitCode != 0 && write.Stderr.Contains("database is locked", StringComparison.Ordinal) && ++attempts < 10 && await Pause());

            Assert.True(write.ExitCode == 0, write.Stderr);
        }

        try
        {
            await WaitForSnapshots();
            var before = RaftDirectory.Read(Global("node1")).LastIndex!.Value;
            var dump = await testbed.LxdSql("node1", "global", ".dump");
            Assert.True(dump.ExitCode == 0, dump.Stderr);

            // Copies taken while LXD runs; the dump is as of an index between `before` and the
            // end of each copy (heartbeats keep writing), so that index is looked for.
            var copies = Members.ToDictionary(m => m, Copy);
            using var live = LxdDatabases.InMemory(dump.Stdout);
            var expected = GlobalTables.Read(live);
            Assert.Contains(expected["profiles"], r => r.Contains("|fz1198|", StringComparison.Ordinal));

            var matches = new Dictionary<string, ulong>();
            foreach (var (member, copy) in copies)
            {
                var state = RaftDirectory.Read(copy);
                Assert.NotNull(state.NewestUsableSnapshot);
                var last = state.LastIndex!.Value;
                string? firstDifference = null;
                for (var index = Math.Min(before, last) - Math.Min(before, 10UL); index <= last; index++)
                {
                    var output = Path.Combine(_scratch, $"{member}-{index}.db");
                    var result = GlobalRebuild.Run(copy, output, index, default);
                    Assert.True(result.SnapshotIndex > 0, "the rebuild started from a snapshot");
                    using var rebuilt = GlobalTables.Open(output);
                    var difference = GlobalTables.Difference(expected, GlobalTables.Read(rebuilt));
                    if (difference is null)
                    {
                        matches[member] = index;
                        break;
                    }

                    firstDifference ??= $"index {index}: {difference}";
                }

                Assert.True(matches.ContainsKey(member), $"{member}: no index in its copy rebuilds to the live dump; first difference at {firstDifference}");
            }

            // The three members agree on the index the dump was taken at.
            Assert.Single(matches.Values.Distinct());

            // The command line does the same, from the live directory, read-only.
            var output1 = Path.Combine(_scratch, "cli.db");
            var cli = await testbed.LxdScope("forensics", "rebuild", "--lxd-dir", testbed.MemberDir("node2"), "-o", output1);
            Assert.True(cli.ExitCode == 0, cli.Stderr);
            Assert.Matches(AsOf(), cli.Stdout);
            Assert.Contains("started from snapshot snapshot-", cli.Stdout, StringComparison.Ordinal);

            // sql --from-files prints what lxd sql (incus admin sql) prints, byte for byte, DATETIME columns included.
            foreach (var query in new[] { "select id, version, updated_at from schema", "select fingerprint, upload_date, last_use_date, expiry_date from images order by id" })
            {
                var theirs = await testbed.LxdSql("node2", "global", query);
                var ours = await testbed.LxdScope("sql", "--from-files", "--lxd-dir", testbed.MemberDir("node2"), "global", query);
                Assert.True(ours.ExitCode == 0, ours.Stderr);
                Assert.Equal(theirs.Stdout, ours.Stdout);
            }
        }
        finally
        {
            await testbed.LxdSql("node1", "global", "DELETE FROM profiles WHERE name LIKE 'fz%'");
        }
    }

    [Fact]
    public async Task With_two_of_three_voters_killed_the_survivor_rebuilds_and_the_plan_names_the_most_advanced_member()
    {
        await testbed.WaitAllOnline("node1", TimeSpan.FromSeconds(90));
        await testbed.Kill("node2");
        await testbed.Kill("node3");
        try
        {
            // The survivor's daemon keeps running; its files are only read.
            var output = Path.Combine(_scratch, "survivor.db");
            var rebuild = await testbed.LxdScope("forensics", "rebuild", "--lxd-dir", testbed.MemberDir("node1"), "-o", output);
            Assert.True(rebuild.ExitCode == 0, rebuild.Stderr);
            var asOf = AsOf().Match(rebuild.Stdout);
            Assert.True(asOf.Success, rebuild.Stdout);

            var sql = await testbed.LxdScope("sql", "--from-files", "--lxd-dir", testbed.MemberDir("node1"), "global", "select name from nodes order by id");
            Assert.True(sql.ExitCode == 0, sql.Stderr);
            // In the product's own layout: lxd sql's, or incus admin sql's (upper-case header, a rule after every row).
            Assert.Equal(
                testbed.Product == TestbedProduct.Incus
                    ? "+-------+\n| NAME  |\n+-------+\n| node1 |\n+-------+\n| node2 |\n+-------+\n| node3 |\n+-------+\n"
                    : "+-------+\n| name  |\n+-------+\n| node1 |\n| node2 |\n| node3 |\n+-------+\n",
                sql.Stdout);
            Assert.Matches(AsOf(), sql.Stderr);

            // Once LXD stops answering, inspect reads members from the rebuilt database.
            JsonElement report = default;
            for (var attempt = 0; attempt < 10; attempt++)
            {
                report = await testbed.Inspect("node1");
                if (report.GetProperty("source").GetString() == "files")
                {
                    break;
                }

                await Task.Delay(1000);
            }

            Assert.Equal("files", report.GetProperty("source").GetString());
            var fromFiles = report.GetProperty("global_from_files");
            Assert.Equal(JsonValueKind.Object, fromFiles.ValueKind);
            Assert.Matches(AsOf(), fromFiles.GetProperty("as_of").GetString());
            Assert.Equal(testbed.Product.GlobalSchemaVersion, fromFiles.GetProperty("schema_version").GetInt32());
            Assert.All(report.GetProperty("members").EnumerateArray(), m => Assert.Equal(testbed.Product.GlobalSchemaVersion, m.GetProperty("schema").GetInt32()));
            var table = await testbed.LxdScope("inspect", "--lxd-dir", testbed.MemberDir("node1"));
            Assert.Contains("Global database: from files, as of raft index ", table.Stdout, StringComparison.Ordinal);

            // The plan, from the three members' directories (the killed members' files stay on disk).
            var positions = Members.ToDictionary(m => m, m => RaftDirectory.Read(Global(m)).Position);
            var best = positions.OrderByDescending(p => p.Value).First();
            var plan = await testbed.LxdScope(["forensics", "recovery-plan", .. Members.Select(m => $"{m}={Global(m)}")]);
            Assert.True(plan.ExitCode == 0, plan.Stderr + plan.Stdout);
            Assert.StartsWith($"Recover from: {best.Key}\n", plan.Stdout, StringComparison.Ordinal);
            Assert.Contains($"its last raft entry is at term {best.Value.Term}, index {best.Value.Index}", plan.Stdout, StringComparison.Ordinal);
            Assert.Contains($"{testbed.Product.DirectoryVariable}={testbed.MemberDir(best.Key)} {testbed.Product.RecoverCommand}", plan.Stdout, StringComparison.Ordinal);
            Assert.DoesNotContain("NOT SOUND", plan.Stdout, StringComparison.Ordinal);
        }
        finally
        {
            await testbed.Start("node2");
            await testbed.Start("node3");
        }

        await testbed.WaitAllOnline("node1", TimeSpan.FromSeconds(90));
    }

    private static async Task<bool> Pause()
    {
        await Task.Delay(200);
        return true;
    }

    private string Global(string member) => Path.Combine(testbed.MemberDir(member), "database", "global");

    // LXD renames and removes segments while it runs: a copy counts only if the directory
    // listed the same files before and after it.
    private string Copy(string member)
    {
        for (var attempt = 0; ; attempt++)
        {
            var target = Path.Combine(_scratch, $"{member}-{attempt}");
            Directory.CreateDirectory(target);
            var names = Directory.EnumerateFiles(Global(member)).Select(Path.GetFileName).Order().ToList();
            try
            {
                foreach (var name in names)
                {
                    File.Copy(Path.Combine(Global(member), name!), Path.Combine(target, name!));
                }

                if (names.SequenceEqual(Directory.EnumerateFiles(Global(member)).Select(Path.GetFileName).Order()))
                {
                    return target;
                }
            }
            catch (FileNotFoundException) when (attempt < 5)
            {
            }

            Assert.True(attempt < 5, $"{member}'s raft directory kept changing while being copied");
        }
    }

    private async Task WaitForSnapshots()
    {
        for (var attempt = 0; attempt < 20; attempt++)
        {
            if (Members.All(m => RaftDirectory.Read(Global(m)).NewestUsableSnapshot is not null))
            {
                return;
            }

            await Task.Delay(500);
        }

        Assert.Fail("not every member took a snapshot: " + string.Join("; ", Members.Select(m => $"{m}: {RaftDirectory.Read(Global(m)).Snapshots.Count} snapshots")));
    }

    [GeneratedRegex("from files, as of raft index [0-9]+, term [0-9]+")]
    private static partial Regex AsOf();
}
