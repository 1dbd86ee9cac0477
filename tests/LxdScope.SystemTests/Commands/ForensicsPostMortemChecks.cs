using System.Text.Json;
using LxdScope.SystemTests.Testbed;
using LxdScope.Lxd.Raft;

namespace LxdScope.SystemTests.Commands;

/// <summary>
/// An incident scripted through the daemon's API — a profile changed, an instance deleted, a
/// member removed, then quorum lost — read back from the surviving member's raft files with
/// <c>forensics log</c>, <c>forensics diff</c> and <c>sql --from-files --at-index</c>. The
/// cluster is the test's own and is taken down afterwards.
/// </summary>
public abstract class ForensicsPostMortemChecks(ClusterTestbed testbed) : IDisposable
{
    private readonly string _cache = Directory.CreateTempSubdirectory("lxdscope-postmortem-cache-").FullName;

    public void Dispose()
    {
        Directory.Delete(_cache, recursive: true);
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task The_log_of_a_surviving_member_names_each_change_at_its_index()
    {
        await testbed.WaitAllOnline("node1", TimeSpan.FromSeconds(90));
        await testbed.Lxc("node1", "profile", "set", "default", "user.postmortem", "before the incident");
        await testbed.Lxc("node1", "delete", "--force", "c3");
        await testbed.Lxc("node1", "cluster", "remove", "node3");
        var node3 = testbed.MemberAddress("node3");
        await Until(() => RaftDirectory.Read(Global("node2")).Configuration?.Servers.All(s => s.Address != node3) == true, "node2 to learn that node3 left");

        // node1 is the one voter left or one of two: without it there is no quorum.
        await testbed.Kill("node1");

        var run = await testbed.LxdScope("forensics", "log", "--lxd-dir", testbed.MemberDir("node2"), "--rows", "--format", "json");
        Assert.True(run.ExitCode == 0, run.Stderr);
        using var log = JsonDocument.Parse(run.Stdout);
        var entries = log.RootElement.GetProperty("entries").EnumerateArray().ToList();

        // The first: LXD rewrites a profile's whole config on every later update of it, so the
        // same key and value can be inserted again after the change made here.
        var profiles = Matching(entries, "profiles_config", "inserted", r => Value(r, "after", "key") == "user.postmortem" && Value(r, "after", "value") == "before the incident");
        Assert.NotEmpty(profiles);
        var profile = profiles[0];
        var deletion = Assert.Single(Matching(entries, "instances", "deleted", r => Value(r, "before", "name") == "c3"));
        var removal = entries.Single(e => e.GetProperty("kind").GetString() == "configuration"
            && e.GetProperty("membership_changes").EnumerateArray().Any(c => c.GetProperty("address").GetString() == node3 && c.GetProperty("after").ValueKind == JsonValueKind.Null));
        var row = Assert.Single(Matching(entries, "nodes", "deleted", r => Value(r, "before", "name") == "node3"));
        Assert.True(Index(profile) < Index(deletion) && Index(deletion) < Index(removal), $"profile {Index(profile)}, deletion {Index(deletion)}, removal {Index(removal)}");
        Assert.True(Index(row) > Index(deletion));
        Assert.DoesNotContain(removal.GetProperty("membership").EnumerateArray(), m => m.GetProperty("address").GetString() == node3);

        // The same counts in the text timeline.
        var text = await testbed.LxdScope("forensics", "log", "--lxd-dir", testbed.MemberDir("node2"), "--from-index", $"{Index(deletion)}", "--to-index", $"{Index(deletion)}");
        Assert.True(text.ExitCode == 0, text.Stderr);
        Assert.Matches($@"\n\s*{Index(deletion)}\s+\d+\s+commit\s+db\.bin\s+.*instances: 1 deleted", text.Stdout);

        // As of the entry before the deletion c3 is there, as of the deletion it is not; the second query is answered from the cache.
        var query = "SELECT name FROM instances WHERE name = 'c3'";
        var before = await Sql(Index(deletion) - 1, query);
        var after = await Sql(Index(deletion), query);
        var again = await Sql(Index(deletion) - 1, query);
        Assert.Contains("| c3", before.Stdout, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("c3", after.Stdout, StringComparison.Ordinal);
        Assert.Equal(before.Stdout, again.Stdout);
        Assert.Contains("(cached rebuild)", again.Stderr, StringComparison.Ordinal);
        Assert.Contains($"as of raft index {Index(deletion) - 1},", again.Stderr, StringComparison.Ordinal);

        // What the incident changed, from just before the profile change to the end.
        var diff = await testbed.LxdScope("forensics", "diff", "--lxd-dir", testbed.MemberDir("node2"), "--from-index", $"{Index(profile) - 1}", "--to-index", $"{Index(row)}", "--format", "json");
        Assert.True(diff.ExitCode == 0, diff.Stderr);
        var tables = JsonDocument.Parse(diff.Stdout).RootElement.GetProperty("tables").EnumerateArray()
            .ToDictionary(t => t.GetProperty("table").GetString()!, t => (t.GetProperty("inserted").GetInt32(), t.GetProperty("deleted").GetInt32()));
        Assert.Equal(1, tables["instances"].Item2);
        Assert.Equal(1, tables["nodes"].Item2);
        Assert.True(tables["profiles_config"].Item1 >= 1);
    }

    private Task<ProcessResult> Sql(ulong index, string query) =>
        Processes.RunAsync(
            Executable.Launcher,
            ["sql", "--from-files", "--lxd-dir", testbed.MemberDir("node2"), "--at-index", $"{index}", "global", query],
            TimeSpan.FromMinutes(3),
            new Dictionary<string, string> { ["LXDSCOPE_CACHE_DIR"] = _cache });

    private string Global(string member) => Path.Combine(testbed.MemberDir(member), "database", "global");

    private static ulong Index(JsonElement entry) => entry.GetProperty("index").GetUInt64();

    // The entries whose transaction has a row of that table, so changed, that matches.
    private static List<JsonElement> Matching(List<JsonElement> entries, string table, string change, Func<JsonElement, bool> match) =>
        entries.Where(e => e.GetProperty("tables").EnumerateArray().Any(t =>
            t.GetProperty("table").GetString() == table
            && t.GetProperty("rows").EnumerateArray().Any(r => r.GetProperty("change").GetString() == change && match(r)))).ToList();

    private static string? Value(JsonElement row, string side, string column) =>
        row.GetProperty(side) is { ValueKind: JsonValueKind.Object } values && values.TryGetProperty(column, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private static async Task Until(Func<bool> done, string what)
    {
        for (var attempt = 0; attempt < 60; attempt++)
        {
            if (done())
            {
                return;
            }

            await Task.Delay(500);
        }

        Assert.Fail($"timed out waiting for {what}");
    }
}
