using LxdScope.SystemTests.Testbed;

namespace LxdScope.SystemTests.Commands;

/// <summary>
/// <c>lxdscope sql local|global</c> on a real testbed, LXD or Incus: byte for byte what the
/// daemon's own command prints (<c>lxd sql</c>, <c>incus admin sql</c>), the product detected.
/// </summary>
public abstract class SqlCommandChecks(ClusterTestbed testbed)
{
    [Theory]
    [InlineData("local", "select * from raft_nodes")]
    [InlineData("local", "select * from schema")]
    [InlineData("local", ".schema")]
    [InlineData("local", "select address from raft_nodes order by id; select 123456 as n, null as nul, 2.5 as r")]
    [InlineData("global", "select id, name, address, schema, api_extensions, failure_domain_id from nodes order by id")]
    [InlineData("global", "select name, type from instances order by name")]
    [InlineData("global", "select 1546788241 as big, -3 as neg, 1e-7 as tiny, 1000000 as million, null as nul, '' as empty, 'a''b' as quote")]
    [InlineData("global", "select name from nodes where id < 0")]
    [InlineData("global", "select name from nodes order by id; select count(*) from instances; select 1 as x where 0")]
    [InlineData("global", "select 'p' || char(10) || 'q' as multi_line, 1 as n")]
    [InlineData("global", ".schema")]
    public async Task Output_is_byte_for_byte_what_the_daemon_s_sql_command_prints(string database, string query)
    {
        var theirs = await testbed.LxdSql("node2", database, query);

        var ours = await testbed.LxdScope("sql", "--lxd-dir", testbed.MemberDir("node2"), database, query);

        Assert.True(theirs.ExitCode == 0, theirs.Stderr);
        Assert.True(ours.ExitCode == 0, ours.Stderr);
        Assert.Equal(theirs.Stdout, ours.Stdout);
    }

    [Fact]
    public async Task Tables_lists_the_global_tables()
    {
        var ours = await testbed.LxdScope("sql", "--lxd-dir", testbed.MemberDir("node1"), "global", ".tables");

        Assert.Equal(0, ours.ExitCode);
        Assert.Contains("| nodes ", ours.Stdout, StringComparison.Ordinal);
        Assert.Contains("| instances ", ours.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("global", "update config set value = 'x' where key = 'cluster.offline_threshold'")]
    [InlineData("global", "with x as (select 1) delete from config")]
    [InlineData("global", "select 1; delete from config")]
    [InlineData("local", "delete from raft_nodes")]
    [InlineData("local", "attach database '/tmp/lxdscope-x.db' as x")]
    public async Task Writes_are_refused_and_change_nothing(string database, string query)
    {
        var before = (await testbed.LxdSql("node1", database, database == "global" ? "select key, value from config order by key" : "select * from raft_nodes")).Stdout;

        var ours = await testbed.LxdScope("sql", "--lxd-dir", testbed.MemberDir("node1"), database, query);

        Assert.Equal(1, ours.ExitCode);
        Assert.Empty(ours.Stdout);
        Assert.Matches("(?i)refused|one statement|only select", ours.Stderr);
        var after = (await testbed.LxdSql("node1", database, database == "global" ? "select key, value from config order by key" : "select * from raft_nodes")).Stdout;
        Assert.Equal(before, after);
    }
}
