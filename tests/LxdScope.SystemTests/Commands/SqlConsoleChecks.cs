using System.Diagnostics;
using System.Globalization;
using LxdScope.SystemTests.Testbed;

namespace LxdScope.SystemTests.Commands;

/// <summary>
/// The SQL console end to end on a real testbed, LXD or Incus: agents mirror the daemon's
/// databases into the collector, and <c>lxdscope sql --collector</c> answers like <c>lxd sql</c>
/// (<c>incus admin sql</c>) — now and as of a moment before a change.
/// </summary>
public abstract class SqlConsoleChecks(ClusterTestbed testbed) : IAsyncLifetime
{
    private string url = "";
    private string tokenFile = "";

    public async Task InitializeAsync()
    {
        await testbed.WaitAllOnline("node1", TimeSpan.FromSeconds(90));
        var up = await testbed.Stack("up", "--port", testbed.StackPort, "--interval", "1s", "--content-interval", "2s");
        Assert.True(up.ExitCode == 0, up.Stderr);
        url = (await testbed.Stack("url")).Stdout.Trim();
        tokenFile = (await testbed.Stack("console-token")).Stdout.Trim();
    }

    public async Task DisposeAsync() => await testbed.Stack("down");

    [Fact]
    public async Task Collector_answers_like_lxd_sql_for_every_member_and_as_of_before_a_change()
    {
        const string nodes = "SELECT id, name, address, schema, api_extensions FROM nodes ORDER BY id";
        var expected = (await testbed.LxdSql("node1", "global", nodes)).Stdout;
        var global = await Eventually(TimeSpan.FromSeconds(60), () => Sql("global", nodes), r => r.ExitCode == 0);
        DaemonSqlOutput.AssertSame(testbed.Product, expected, global.Stdout);

        // Every member's local.db at once, each row led by its member.
        var raft = await Eventually(TimeSpan.FromSeconds(30), () => Sql("local", "SELECT address, role FROM raft_nodes ORDER BY address"), r => r.ExitCode == 0 && CountLines(r.Stdout, "| node") == 9);
        foreach (var member in new[] { "node1", "node2", "node3" })
        {
            Assert.Contains(raft.Stdout.Split('\n'), l => l.StartsWith($"| {member} ", StringComparison.Ordinal) && l.Contains($"| {testbed.MemberAddress("node1")} ", StringComparison.Ordinal));
        }

        // A change reaches the mirror; the moment before it stays queryable.
        var key = "user.lxdscope-console";
        var before = DateTimeOffset.UtcNow;
        await Task.Delay(1500);
        var value = Guid.NewGuid().ToString("N");
        await testbed.Lxc("node1", "config", "set", key, value);
        var query = $"SELECT value FROM config WHERE key = '{key}'";
        var now = await Eventually(TimeSpan.FromSeconds(30), () => Sql("global", query), r => r.ExitCode == 0 && r.Stdout.Contains(value, StringComparison.Ordinal));
        DaemonSqlOutput.AssertSame(testbed.Product, (await testbed.LxdSql("node1", "global", query)).Stdout, now.Stdout);

        var past = await Sql("global", query, "--as-of", before.ToString("O", CultureInfo.InvariantCulture));
        Assert.True(past.ExitCode == 0, past.Stderr);
        Assert.DoesNotContain(value, past.Stdout, StringComparison.Ordinal);
        Assert.Contains("content as of", past.Stderr, StringComparison.Ordinal);

        await testbed.Lxc("node1", "config", "unset", key);
    }

    [Fact]
    public async Task Writes_through_the_collector_are_refused_and_a_wrong_token_is_rejected()
    {
        await Eventually(TimeSpan.FromSeconds(60), () => Sql("global", "SELECT 1"), r => r.ExitCode == 0);

        var write = await Sql("global", "DELETE FROM nodes");
        var wrongToken = await Processes.RunAsync(Executable.Launcher, ["sql", "--collector", url, "--cluster", "testbed", "global", "SELECT 1"], TimeSpan.FromSeconds(30), new Dictionary<string, string> { ["LXDSCOPE_CONSOLE_TOKEN"] = "wrong" });

        Assert.Equal(1, write.ExitCode);
        Assert.Contains("Query refused", write.Stderr, StringComparison.Ordinal);
        Assert.Equal(1, wrongToken.ExitCode);
        Assert.Contains("Console token needed", wrongToken.Stderr, StringComparison.Ordinal);
        Assert.Matches(@"\|\s+3\s+\|", (await testbed.LxdSql("node1", "global", "SELECT count(*) FROM nodes")).Stdout);
    }

    private Task<ProcessResult> Sql(string database, string query, params string[] extra) =>
        testbed.LxdScope(["sql", "--collector", url, "--cluster", "testbed", "--token-file", tokenFile, .. extra, database, query]);

    private static int CountLines(string text, string needle) => text.Split('\n').Count(l => l.Contains(needle, StringComparison.Ordinal));

    private static async Task<ProcessResult> Eventually(TimeSpan limit, Func<Task<ProcessResult>> run, Func<ProcessResult, bool> done)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var result = await run();
            if (done(result))
            {
                return result;
            }

            if (clock.Elapsed > limit)
            {
                Assert.Fail($"not done within {limit}: exit {result.ExitCode}\n{result.Stdout}\n{result.Stderr}");
            }

            await Task.Delay(500);
        }
    }
}
