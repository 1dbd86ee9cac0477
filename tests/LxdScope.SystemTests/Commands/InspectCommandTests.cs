using LxdScope.SystemTests.Testbed;

namespace LxdScope.SystemTests.Commands;

/// <summary>The shared checks on LXD, and what only LXD's <c>lxd sql</c> output lets us compare verbatim.</summary>
[Collection(TestbedCollection.Name)]
public sealed class InspectCommandTests : InspectCommandChecks
{
    private readonly TestbedFixture testbed;

    public InspectCommandTests(TestbedFixture testbed)
        : base(testbed) => this.testbed = testbed;

    [Fact]
    public async Task Inspect_agrees_with_lxd_sql_on_the_members_rows_and_raft_nodes()
    {
        var nodes = await testbed.LxdSql("node1", "global", "select name, address, schema, api_extensions from nodes order by id");
        var raftNodes = await testbed.LxdSql("node1", "local", "select address, role from raft_nodes order by id");

        var report = await testbed.Inspect("node1");

        foreach (var m in report.GetProperty("members").EnumerateArray())
        {
            var row = $"| {m.GetProperty("name").GetString()} | {m.GetProperty("address").GetString()} | {m.GetProperty("schema").GetInt32()}     | {m.GetProperty("api_extensions").GetInt32()}";
            Assert.Contains(row, nodes.Stdout, StringComparison.Ordinal);
        }

        foreach (var n in report.GetProperty("local").GetProperty("raft_nodes").EnumerateArray())
        {
            var role = n.GetProperty("role").GetString() switch { "voter" => 0, "stand-by" => 1, _ => 2 };
            Assert.Contains($"| {n.GetProperty("address").GetString()} | {role}    |", raftNodes.Stdout, StringComparison.Ordinal);
        }
    }
}
