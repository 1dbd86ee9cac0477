using System.Text.Json;
using LxdScope.SystemTests.Testbed;

namespace LxdScope.SystemTests.Commands;

/// <summary>The shared faults on LXD, and this member's own daemon down.</summary>
[Collection(TestbedCollection.Name)]
public sealed class FaultTests : FaultChecks
{
    private readonly TestbedFixture testbed;

    public FaultTests(TestbedFixture testbed)
        : base(testbed) => this.testbed = testbed;

    [Fact]
    public async Task With_this_members_LXD_down_inspect_answers_from_files_and_sees_quorum_elsewhere()
    {
        await testbed.WaitAllOnline("node1", TimeSpan.FromSeconds(90));
        await testbed.Kill("node3");
        try
        {
            var result = await testbed.LxdScope("inspect", "--lxd-dir", testbed.MemberDir("node3"), "--format", "json");

            Assert.Equal(0, result.ExitCode);
            Assert.True(result.Elapsed < TimeSpan.FromSeconds(5), $"took {result.Elapsed}");
            var report = JsonDocument.Parse(result.Stdout).RootElement;
            ExplainingFailure(result.Stdout, () =>
            {
                Assert.Equal("files", report.GetProperty("source").GetString());
                Assert.Equal(JsonValueKind.Null, report.GetProperty("server").ValueKind);
                Assert.Contains(report.GetProperty("errors").EnumerateArray(), e => e.GetString()!.Contains("LXD is not answering", StringComparison.Ordinal));
                var raft = report.GetProperty("raft");
                Assert.True(raft.GetProperty("quorum").GetBoolean());
                Assert.Equal(["node3"], raft.GetProperty("unreachable_voters").EnumerateArray().Select(v => v.GetString()));
                Assert.True(raft.GetProperty("last_index").GetUInt64() > 1);
            });

            // local.db needs no daemon.
            var sql = await testbed.LxdScope("sql", "--lxd-dir", testbed.MemberDir("node3"), "local", "select name from raft_nodes order by id");
            Assert.Equal(0, sql.ExitCode);
            Assert.Contains("| node3 |", sql.Stdout, StringComparison.Ordinal);

            var global = await testbed.LxdScope("sql", "--lxd-dir", testbed.MemberDir("node3"), "global", "select name from nodes");
            Assert.Equal(1, global.ExitCode);
            Assert.Contains("not answering", global.Stderr, StringComparison.Ordinal);
        }
        finally
        {
            await testbed.Start("node3");
        }

        await testbed.WaitAllOnline("node1", TimeSpan.FromSeconds(90));
    }
}
