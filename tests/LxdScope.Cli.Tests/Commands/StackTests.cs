using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using LxdScope.Cli.Tests.Testbed;

namespace LxdScope.Cli.Tests.Commands;

/// <summary>
/// The whole product on the real testbed, all real processes: the collector and three agents
/// (deploy/testbed/stack), LXD members killed and restarted, the collector killed and restarted.
/// </summary>
[Collection(TestbedCollection.Name)]
public sealed class StackTests(TestbedFixture testbed) : IAsyncLifetime
{
    private const string Interval = "2s";
    private static readonly TimeSpan IntervalSpan = TimeSpan.FromSeconds(2);
    private readonly HttpClient http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private string url = "";

    public async Task InitializeAsync()
    {
        await testbed.WaitAllOnline("node1", TimeSpan.FromSeconds(90));
        var up = await testbed.Stack("up", "--port", TestbedFixture.StackPort, "--interval", Interval);
        Assert.True(up.ExitCode == 0, up.Stderr);
        url = (await testbed.Stack("url")).Stdout.Trim();
    }

    public async Task DisposeAsync()
    {
        await testbed.Stack("down");
        http.Dispose();
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
        foreach (var n in new[] { "node1", "node2", "node3" })
        {
            var address = $"127.0.0.{n[^1]}:{TestbedFixture.Port}";
            Assert.Contains($"| {n} | {address} |", nodes, StringComparison.Ordinal);
            Assert.Contains(metrics.Split('\n'), l => l.StartsWith($"lxdscope_member_info{{cluster=\"testbed\",member=\"{n}\",address=\"{address}\"", StringComparison.Ordinal));
        }

        // One member killed: OFFLINE by LXD's rule within the threshold plus two intervals.
        await testbed.Kill("node3");
        var killed = Stopwatch.StartNew();
        try
        {
            await Eventually(TimeSpan.FromSeconds(TestbedFixture.OfflineThresholdSeconds) + 2 * IntervalSpan + TimeSpan.FromSeconds(2), async () =>
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
            using var status = JsonDocument.Parse(await http.GetStringAsync(new Uri(url + "/api/v1/clusters/testbed")));
            var quorum = status.RootElement.GetProperty("status").GetProperty("quorum");
            Assert.Equal(["node2", "node3"], quorum.GetProperty("unreachable_voters").EnumerateArray().Select(v => v.GetString()).Order());

            // The recovery plan from the agents' reports agrees with the collector's choice.
            var recoverFrom = quorum.GetProperty("recover_from").GetString();
            Assert.NotNull(recoverFrom);
            var plan = await testbed.LxdScope("forensics", "recovery-plan", "--collector", url, "--cluster", "testbed");
            Assert.True(plan.ExitCode == 0, plan.Stderr + plan.Stdout);
            Assert.StartsWith($"Recover from: {recoverFrom}\n", plan.Stdout, StringComparison.Ordinal);
            Assert.Contains($"the collector's quorum.recover_from names {recoverFrom} too", plan.Stdout, StringComparison.Ordinal);
            Assert.Contains("lxd cluster recover-from-quorum-loss", plan.Stdout, StringComparison.Ordinal);
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
        using var detail = JsonDocument.Parse(await http.GetStringAsync(new Uri(url + "/api/v1/clusters/testbed")));
        var kinds = detail.RootElement.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("kind").GetString()).ToList();
        Assert.Contains("member-offline", kinds);
        Assert.Contains("quorum-lost", kinds);
        Assert.Contains("quorum-regained", kinds);
    }

    [Fact]
    public async Task A_collector_killed_and_restarted_keeps_its_state_and_loses_no_report()
    {
        await Eventually(TimeSpan.FromSeconds(30), async () => Value(await Metrics(), "lxdscope_database_quorum{cluster=\"testbed\"}") == 1);
        var before = await Metrics();
        var agents = new[] { "agent-node1", "agent-node2", "agent-node3" };
        var lastBefore = agents.ToDictionary(a => a, a => Value(before, $"lxdscope_agent_last_sequence{{cluster=\"testbed\",agent=\"{a}\"}}") ?? 0);
        await testbed.Stack("kill-collector");
        await Task.Delay(3 * IntervalSpan); // the agents spool meanwhile
        var started = await testbed.Stack("start-collector");
        Assert.True(started.ExitCode == 0, started.Stderr);

        // State from the database, before any agent has delivered again.
        using (var detail = JsonDocument.Parse(await http.GetStringAsync(new Uri(url + "/api/v1/clusters/testbed"))))
        {
            Assert.Equal(3, detail.RootElement.GetProperty("status").GetProperty("members").GetArrayLength());
        }

        // Then every spooled report arrives: per agent, the sequences recorded have no gap.
        await Eventually(TimeSpan.FromSeconds(45), async () =>
        {
            var m = await Metrics();
            return agents.All(a => Value(m, $"lxdscope_agent_last_sequence{{cluster=\"testbed\",agent=\"{a}\"}}") >= lastBefore[a] + 3);
        });
        var db = Path.Combine(testbed.Dir, "stack", "collector.db");
        foreach (var agent in agents)
        {
            var q = await Processes.RunAsync(
                "sqlite3",
                ["-readonly", db, $"select count(*), max(sequence) - min(sequence) + 1 from reports where agent_id = '{agent}' and epoch = (select epoch from agents where agent_id = '{agent}')"],
                TimeSpan.FromSeconds(10));
            var parts = q.Stdout.Trim().Split('|');
            var log = Path.Combine(testbed.Dir, "stack", agent.Replace("agent-node", "agent", StringComparison.Ordinal) + ".log");
            Assert.True(
                parts.Length == 2 && parts[0] == parts[1] && long.Parse(parts[0], CultureInfo.InvariantCulture) >= lastBefore[agent] + 3,
                $"{agent}: {q.Stdout}{q.Stderr}\n{string.Join('\n', File.ReadLines(log).TakeLast(15))}");
        }
    }

    private async Task<string> Metrics() => await http.GetStringAsync(new Uri(url + "/metrics"));

    private static double? Value(string metrics, string series)
    {
        var line = metrics.Split('\n').FirstOrDefault(l => l.StartsWith(series + " ", StringComparison.Ordinal));
        return line is null ? null : double.Parse(line[(series.Length + 1)..], CultureInfo.InvariantCulture);
    }

    private static async Task Eventually(TimeSpan limit, Func<Task<bool>> condition)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                if (await condition())
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            if (clock.Elapsed > limit)
            {
                Assert.Fail($"condition not met within {limit}");
            }

            await Task.Delay(500);
        }
    }
}
