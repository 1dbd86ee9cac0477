using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using LxdScope.SystemTests.Testbed;
using static LxdScope.SystemTests.Testbed.MetricsText;

namespace LxdScope.SystemTests.Commands;

/// <summary>
/// The whole product on a real testbed, the same on LXD and on Incus, all real processes: the
/// collector and three agents (deploy/testbed/stack), members killed and restarted.
/// </summary>
public abstract class StackChecks(ClusterTestbed testbed) : IAsyncLifetime
{
    protected const string Interval = "2s";
    protected static readonly TimeSpan IntervalSpan = TimeSpan.FromSeconds(2);

    protected HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(10) };

    protected string Url { get; private set; } = "";

    public async Task InitializeAsync()
    {
        await testbed.WaitAllOnline("node1", TimeSpan.FromSeconds(90));
        var up = await testbed.Stack("up", "--port", testbed.StackPort, "--interval", Interval);
        Assert.True(up.ExitCode == 0, up.Stderr);
        Url = (await testbed.Stack("url")).Stdout.Trim();
    }

    public async Task DisposeAsync()
    {
        await testbed.Stack("down");
        Http.Dispose();
    }

    [Fact]
    public async Task Metrics_agree_with_lxd_sql_and_follow_a_member_and_the_quorum_through_failures()
    {
        // Healthy: what LXD's own database says.
        var nodes = (await testbed.LxdSql("node1", "global", "select name, address from nodes order by id")).Stdout;
        await Eventually(TimeSpan.FromSeconds(30), async () =>
        {
            var m = await Metrics();
            return Value(m, "lxdscope_database_quorum{cluster=\"testbed\"}") == 1
                && Value(m, "lxdscope_database_voters{cluster=\"testbed\"}") == 3
                && new[] { "node1", "node2", "node3" }.All(n => Value(m, $"lxdscope_member_online{{cluster=\"testbed\",member=\"{n}\"}}") == 1
                    && Value(m, $"lxdscope_agent_up{{cluster=\"testbed\",agent=\"agent-{n}\",member=\"{n}\"}}") == 1);
        });
        var metrics = await Metrics();
        using (var clusters = JsonDocument.Parse(await Http.GetStringAsync(new Uri(Url + "/api/v1/clusters"))))
        {
            var summary = Assert.Single(clusters.RootElement.EnumerateArray(), c => c.GetProperty("name").GetString() == "testbed");
            Assert.True(summary.GetProperty("quorum").GetBoolean());
            Assert.Equal(3, summary.GetProperty("voters").GetInt32());
            Assert.Equal(3, summary.GetProperty("members_online").GetInt32());
        }

        using (var page = await Http.GetAsync(new Uri(Url + "/clusters/testbed")))
        {
            Assert.True(page.IsSuccessStatusCode, $"the cluster page answered {(int)page.StatusCode}");
            Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        }

        foreach (var n in new[] { "node1", "node2", "node3" })
        {
            var address = testbed.MemberAddress(n);
            Assert.Contains($"| {n} | {address} |", nodes, StringComparison.Ordinal);
            Assert.Contains(metrics.Split('\n'), l => l.StartsWith($"lxdscope_member_info{{cluster=\"testbed\",member=\"{n}\",address=\"{address}\"", StringComparison.Ordinal));
        }

        // One member killed: OFFLINE by LXD's rule within the threshold plus two intervals.
        await testbed.Kill("node3");
        var killed = Stopwatch.StartNew();
        try
        {
            await Eventually(TimeSpan.FromSeconds(ClusterTestbed.OfflineThresholdSeconds) + 2 * IntervalSpan + TimeSpan.FromSeconds(2), async () =>
                Value(await Metrics(), "lxdscope_member_online{cluster=\"testbed\",member=\"node3\"}") == 0);
        }
        finally
        {
            await testbed.Start("node3");
        }

        await Eventually(TimeSpan.FromSeconds(60), async () =>
            Value(await Metrics(), "lxdscope_member_online{cluster=\"testbed\",member=\"node3\"}") == 1);

        // Two of three voters killed: quorum 0 while the surviving agent keeps reporting.
        await testbed.WaitAllOnline("node1", TimeSpan.FromSeconds(90));
        await testbed.Kill("node2");
        await testbed.Kill("node3");
        try
        {
            await Eventually(TimeSpan.FromSeconds(30), async () =>
            {
                var m = await Metrics();
                return Value(m, "lxdscope_database_quorum{cluster=\"testbed\"}") == 0
                    && Value(m, "lxdscope_agent_up{cluster=\"testbed\",agent=\"agent-node1\",member=\"node1\"}") == 1;
            });
            using var status = JsonDocument.Parse(await Http.GetStringAsync(new Uri(Url + "/api/v1/clusters/testbed")));
            var quorum = status.RootElement.GetProperty("status").GetProperty("quorum");
            Assert.Equal(["node2", "node3"], quorum.GetProperty("unreachable_voters").EnumerateArray().Select(v => v.GetString()).Order());

            // The recovery plan from the agents' reports agrees with the collector's choice in the
            // same answer (positions may move between two reads, so not one read earlier).
            Assert.Contains(quorum.GetProperty("recover_from").GetString(), new[] { "node1", "node2", "node3" });
            var plan = await testbed.LxdScope("forensics", "recovery-plan", "--collector", Url, "--cluster", "testbed", "--product", testbed.Product.Name);
            Assert.True(plan.ExitCode == 0, plan.Stderr + plan.Stdout);
            var recoverFrom = Assert.Single(System.Text.RegularExpressions.Regex.Matches(plan.Stdout, @"^Recover from: (node[123])\n")).Groups[1].Value;
            Assert.Contains($"the collector's quorum.recover_from names {recoverFrom} too", plan.Stdout, StringComparison.Ordinal);
            Assert.Contains(testbed.Product.RecoverCommand, plan.Stdout, StringComparison.Ordinal);
        }
        finally
        {
            await testbed.Start("node2");
            await testbed.Start("node3");
        }

        await Eventually(TimeSpan.FromSeconds(90), async () =>
        {
            var m = await Metrics();
            return Value(m, "lxdscope_database_quorum{cluster=\"testbed\"}") == 1
                && Value(m, "lxdscope_database_voters_online{cluster=\"testbed\"}") == 3;
        });
        using var detail = JsonDocument.Parse(await Http.GetStringAsync(new Uri(Url + "/api/v1/clusters/testbed")));
        var kinds = detail.RootElement.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("kind").GetString()).ToList();
        Assert.Contains("member-offline", kinds);
        Assert.Contains("quorum-lost", kinds);
        Assert.Contains("quorum-regained", kinds);
    }

    protected async Task<string> Metrics() => await Http.GetStringAsync(new Uri(Url + "/metrics"));
}
