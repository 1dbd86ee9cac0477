using System.Text.Json;
using LxdScope.SystemTests.Testbed;

namespace LxdScope.SystemTests.Commands;

/// <summary><c>inspect</c> against the daemon's own cluster list: the same checks on LXD and on Incus.</summary>
public abstract class InspectCommandChecks(ClusterTestbed testbed)
{
    [Fact]
    public async Task Inspect_agrees_with_lxc_cluster_list_on_members_roles_and_states()
    {
        await testbed.WaitAllOnline("node1", TimeSpan.FromSeconds(90));
        var lxc = JsonDocument.Parse(await testbed.Lxc("node2", "cluster", "list", "--format", "json")).RootElement
            .EnumerateArray()
            .ToDictionary(m => m.GetProperty("server_name").GetString()!);

        var report = await testbed.Inspect("node2");

        Assert.Equal("live", report.GetProperty("source").GetString());
        Assert.Equal(testbed.Product.Name, report.GetProperty("server").GetProperty("product").GetString());
        Assert.Equal("node2", report.GetProperty("this_member").GetString());
        var members = report.GetProperty("members").EnumerateArray().ToList();
        Assert.Equal(lxc.Keys.Order(), members.Select(m => m.GetProperty("name").GetString()!).Order());
        foreach (var m in members)
        {
            var theirs = lxc[m.GetProperty("name").GetString()!];
            Assert.Equal(theirs.GetProperty("url").GetString(), "https://" + m.GetProperty("address").GetString());
            Assert.Equal(theirs.GetProperty("roles").EnumerateArray().Select(r => r.GetString()), m.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
            Assert.Equal(theirs.GetProperty("status").GetString()!.ToUpperInvariant(), m.GetProperty("state").GetString());
            Assert.True(m.GetProperty("heartbeat_age_seconds").GetDouble() < ClusterTestbed.OfflineThresholdSeconds);
        }

        var raft = report.GetProperty("raft");
        Assert.Equal(3, raft.GetProperty("voters").GetInt32());
        Assert.Equal(3, raft.GetProperty("voters_online").GetInt32());
        Assert.True(raft.GetProperty("quorum").GetBoolean());
        Assert.Equal(1, raft.GetProperty("failure_tolerance").GetInt32());
        var leader = lxc.Values.Single(m => m.GetProperty("roles").EnumerateArray().Any(r => r.GetString() == "database-leader"));
        Assert.Equal(leader.GetProperty("server_name").GetString(), raft.GetProperty("leader").GetString());
        Assert.True(raft.GetProperty("term").GetUInt64() >= 1);
        Assert.True(raft.GetProperty("last_index").GetUInt64() > 1);
        Assert.Equal(ClusterTestbed.OfflineThresholdSeconds, report.GetProperty("offline_threshold_seconds").GetDouble());
    }

    [Fact]
    public async Task The_table_form_lists_every_member_and_the_quorum()
    {
        var result = await testbed.LxdScope("inspect", "--lxd-dir", testbed.MemberDir("node3"));

        Assert.Equal(0, result.ExitCode);
        foreach (var name in new[] { "node1", "node2", "node3" })
        {
            Assert.Contains($"| {name} |", result.Stdout, StringComparison.Ordinal);
        }

        Assert.Contains("Database: quorum OK", result.Stdout, StringComparison.Ordinal);
    }
}
