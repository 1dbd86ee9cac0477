using System.Diagnostics;
using System.Text.Json;
using LxdScope.SystemTests.Testbed;

namespace LxdScope.SystemTests.Commands;

/// <summary>
/// Real failures on a real testbed, the same on LXD and on Incus: each test breaks the cluster and
/// mends it before it ends.
/// </summary>
public abstract class FaultChecks(ClusterTestbed testbed)
{
    [Fact]
    public async Task A_killed_member_shows_offline_within_the_threshold_and_online_after_restart()
    {
        await testbed.WaitAllOnline("node1", TimeSpan.FromSeconds(90));
        await testbed.Kill("node3");
        var killed = Stopwatch.StartNew();
        try
        {
            JsonElement node3;
            do
            {
                var report = await testbed.Inspect("node1");
                node3 = report.GetProperty("members").EnumerateArray().Single(m => m.GetProperty("name").GetString() == "node3");
                if (node3.GetProperty("state").GetString() == "OFFLINE")
                {
                    break;
                }

                await Task.Delay(500);
            }
            while (killed.Elapsed < TimeSpan.FromSeconds(ClusterTestbed.OfflineThresholdSeconds + 5));

            Assert.Equal("OFFLINE", node3.GetProperty("state").GetString());
            Assert.StartsWith("No heartbeat for", node3.GetProperty("message").GetString(), StringComparison.Ordinal);
            Assert.False(node3.GetProperty("reachable").GetBoolean());
        }
        finally
        {
            await testbed.Start("node3");
        }

        await testbed.WaitAllOnline("node1", TimeSpan.FromSeconds(90));
        var healed = await testbed.Inspect("node1");
        Assert.All(healed.GetProperty("members").EnumerateArray(), m => Assert.Equal("ONLINE", m.GetProperty("state").GetString()));
    }

    [Fact]
    public async Task Losing_two_of_three_voters_is_reported_as_quorum_lost_within_five_seconds()
    {
        await testbed.WaitAllOnline("node1", TimeSpan.FromSeconds(90));
        await testbed.Kill("node2");
        await testbed.Kill("node3");
        try
        {
            var result = await testbed.LxdScope("inspect", "--lxd-dir", testbed.MemberDir("node1"), "--format", "json");

            Assert.Equal(0, result.ExitCode);
            Assert.True(result.Elapsed < TimeSpan.FromSeconds(5), $"took {result.Elapsed}");
            var report = JsonDocument.Parse(result.Stdout).RootElement;
            ExplainingFailure(result.Stdout, () =>
            {
                // For up to dqlite's election timeout (3 s) the old leader may still answer a read:
                // then the source is live, but quorum is judged from the voters alive all the same.
                var raft = report.GetProperty("raft");
                Assert.False(raft.GetProperty("quorum").GetBoolean());
                Assert.Equal(3, raft.GetProperty("voters").GetInt32());
                Assert.Equal(1, raft.GetProperty("voters_online").GetInt32());
                Assert.Equal(["node2", "node3"], raft.GetProperty("unreachable_voters").EnumerateArray().Select(v => v.GetString()).Order());
                Assert.Contains(report.GetProperty("warnings").EnumerateArray(), w => w.GetString()!.StartsWith("Database quorum lost", StringComparison.Ordinal));
            });

            var table = await testbed.LxdScope("inspect", "--lxd-dir", testbed.MemberDir("node1"));
            Assert.Contains("QUORUM LOST", table.Stdout, StringComparison.Ordinal);
            Assert.Contains("Unreachable voters: node2, node3", table.Stdout, StringComparison.Ordinal);
        }
        finally
        {
            await testbed.Start("node2");
            await testbed.Start("node3");
        }

        await testbed.WaitAllOnline("node1", TimeSpan.FromSeconds(120));
        var healed = await testbed.Inspect("node1");
        Assert.True(healed.GetProperty("raft").GetProperty("quorum").GetBoolean());
        Assert.Equal("live", healed.GetProperty("source").GetString());
    }

    /// <summary>A failed assertion carries the whole report, so that a CI log explains itself.</summary>
    protected static void ExplainingFailure(string report, Action assertions)
    {
        try
        {
            assertions();
        }
        catch (Xunit.Sdk.XunitException e)
        {
            throw new Xunit.Sdk.XunitException($"{e.Message}\n--- lxdscope inspect said ---\n{report}");
        }
    }
}
