using System.Text.Json;
using LxdScope.SystemTests.Testbed;

namespace LxdScope.SystemTests.Commands;

/// <summary>
/// inspect, the agent and the collector on LXD generations no real daemon here can be: each
/// generation fixture (tests/LxdScope.Lxd.Tests/Generations, that release's own answer shapes and
/// DDL) is served by a fake daemon inside a network namespace that holds the fixture's addresses,
/// so the real executable probes them there and nowhere else. Each must come out as that
/// release's own <c>lxc cluster list</c> printed it (its members API's status and message).
/// </summary>
public sealed class GenerationsTests
{
    public static TheoryData<string> Folders =>
    [
        "lxd-3.9", "lxd-3.18", "lxd-4.0.0", "lxd-4.0.9", "lxd-4.15", "lxd-4.21",
        "lxd-5.0.2", "lxd-5.21.7", "lxd-6.7", "lxd-6.9", "incus-6.0.4",
    ];

    [Theory]
    [MemberData(nameof(Folders))]
    public async Task Inspect_judges_every_generation_as_its_own_cluster_list(string folder)
    {
        await using var lxd = await FakeGeneration.StartAsync(folder);

        var result = await lxd.Namespace.RunAsync(TimeSpan.FromSeconds(60), Executable.Binary, "inspect", "--lxd-dir", lxd.Dir, "--format", "json");

        Assert.True(result.ExitCode == 0, result.Stderr);
        var report = JsonDocument.Parse(result.Stdout).RootElement;
        Assert.Equal("live", report.GetProperty("source").GetString());
        var members = report.GetProperty("members").EnumerateArray().ToList();
        var answered = lxd.Answered();
        Assert.Equal(answered.Select(a => a.Name), members.Select(m => m.GetProperty("name").GetString()));
        foreach (var (a, m) in answered.Zip(members))
        {
            Assert.Equal(a.Status.ToUpperInvariant(), m.GetProperty("state").GetString());
            Assert.Equal(a.Message, m.GetProperty("message").GetString());
        }

        var voters = lxd.ApiVoters();
        Assert.Equal(voters, members.Where(m => m.GetProperty("database_role").GetString() == "voter").Select(m => m.GetProperty("name").GetString()!).ToHashSet());
        var alive = answered.Count(a => voters.Contains(a.Name) && a.Status != "Offline");
        var raft = report.GetProperty("raft");
        Assert.Equal((voters.Count, alive, alive > voters.Count / 2), (raft.GetProperty("voters").GetInt32(), raft.GetProperty("voters_online").GetInt32(), raft.GetProperty("quorum").GetBoolean()));
        Assert.DoesNotContain(report.GetProperty("warnings").EnumerateArray(), w => w.GetString()!.Contains("raft_nodes", StringComparison.Ordinal) || w.GetString()!.Contains("cannot be told", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_notes_LXD_3_9_cluster_reads_in_inspect_and_the_collector_as_its_lxc_cluster_list_showed_it()
    {
        await using var lxd = await FakeGeneration.StartAsync("lxd-3.9");

        // inspect's table: the notes' seven members, DATABASE YES as the database role, all ONLINE.
        var table = await lxd.Namespace.RunAsync(TimeSpan.FromSeconds(60), Executable.Binary, "inspect", "--lxd-dir", lxd.Dir);
        Assert.True(table.ExitCode == 0, table.Stderr);
        foreach (var (name, database) in new[] { ("hypercube01", "database"), ("hypercube02", "database"), ("hypercube03", "database"), ("hypercube04", ""), ("hypercube05", ""), ("hypercube06", ""), ("hypercube07", "") })
        {
            Assert.Matches($@"\| {name} +\| [0-9.:]+ +\| {database} +\| ONLINE +\| [0-9.]+s ago +\| fully operational +\|", table.Stdout);
        }

        Assert.Contains("Database: quorum OK — 3 of 3 voters alive, failure tolerance 1", table.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("raft_nodes lists", table.Stdout, StringComparison.Ordinal);

        // The collector, fed by a real agent on that member.
        var status = await lxd.CollectAsync();
        var members = status.GetProperty("members").EnumerateArray().ToList();
        Assert.Equal(7, members.Count);
        Assert.All(members, m => Assert.Equal("ONLINE", m.GetProperty("state").GetString()));
        Assert.Equal(
            ["voter", "voter", "voter", "spare", "spare", "spare", "spare"],
            members.Select(m => m.GetProperty("database_role").GetString()));
        var quorum = status.GetProperty("quorum");
        Assert.Equal((3, 3, true, 1), (quorum.GetProperty("voters").GetInt32(), quorum.GetProperty("voters_online").GetInt32(), quorum.GetProperty("has_quorum").GetBoolean(), quorum.GetProperty("failure_tolerance").GetInt32()));
        Assert.DoesNotContain(status.GetProperty("warnings").EnumerateArray(), w => w.GetString()!.Contains("raft_nodes", StringComparison.Ordinal) || w.GetString()!.Contains("quorum", StringComparison.OrdinalIgnoreCase));
    }
}
