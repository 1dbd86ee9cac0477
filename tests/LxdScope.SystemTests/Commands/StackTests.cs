using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using LxdScope.SystemTests.Testbed;
using static LxdScope.SystemTests.Testbed.MetricsText;
using Xunit.Abstractions;

namespace LxdScope.SystemTests.Commands;

/// <summary>
/// The shared stack checks on LXD, and the collector killed and restarted under its agents.
/// </summary>
[Collection(TestbedCollection.Name)]
public sealed class StackTests : StackChecks
{
    private readonly TestbedFixture testbed;
    private readonly ITestOutputHelper output;

    public StackTests(TestbedFixture testbed, ITestOutputHelper output)
        : base(testbed)
    {
        this.testbed = testbed;
        this.output = output;
    }

    [Fact]
    public async Task A_collector_down_for_a_while_gets_every_spooled_sequence_once_and_in_order()
    {
        await Eventually(TimeSpan.FromSeconds(30), async () => Value(await Metrics(), "lxdscope_database_quorum{cluster=\"testbed\"}") == 1);
        var lastBefore = await LastSequences();
        var epochs = await CurrentEpochs();
        await testbed.Stack("kill-collector");
        await Task.Delay(Outage); // the agents keep collecting into their spools
        var restartedMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var started = await testbed.Stack("start-collector");
        Assert.True(started.ExitCode == 0, started.Stderr);

        // State from the database, before any agent has delivered again.
        using (var detail = JsonDocument.Parse(await Http.GetStringAsync(new Uri(Url + "/api/v1/clusters/testbed"))))
        {
            Assert.Equal(3, detail.RootElement.GetProperty("status").GetProperty("members").GetArrayLength());
        }

        // Then every spooled report arrives (backoff is at most 60 s, plus jitter).
        var collectedDuringOutage = (long)(Outage / IntervalSpan) - 1;
        var drain = Stopwatch.StartNew();
        await Eventually(TimeSpan.FromSeconds(90), async () =>
        {
            var m = await Metrics();
            return Agents.All(a => Value(m, $"lxdscope_agent_last_sequence{{cluster=\"testbed\",agent=\"{a}\"}}") >= lastBefore[a] + collectedDuringOutage);
        });

        foreach (var agent in Agents)
        {
            // Still the epoch of before: nothing restarted the agents' sequence spaces.
            Assert.Equal(epochs[agent], (await CurrentEpochs())[agent]);
            await AssertContiguousInOrder(agent, epochs[agent], lastBefore[agent] + collectedDuringOutage);
        }

        // Accepted counts each report once: what the restarted collector stored, no more (resends
        // of reports it had stored are counted as duplicates, apart).
        var acceptedBefore = Value(await Metrics(), "lxdscope_ingest_reports_total{result=\"accepted\"}");
        var stored = long.Parse((await Sqlite($"select count(*) from reports where received_at >= {restartedMs}")).Trim(), CultureInfo.InvariantCulture);
        var after = await Metrics();
        Assert.InRange(stored, acceptedBefore ?? -1, Value(after, "lxdscope_ingest_reports_total{result=\"accepted\"}") ?? -1);
        Assert.True(stored >= 3 * collectedDuringOutage, $"only {stored} reports stored since the restart");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"outage {Outage.TotalSeconds:0} s at a {IntervalSpan.TotalSeconds:0} s interval: drained {drain.Elapsed.TotalSeconds:0} s after the restart; "
            + $"{stored} reports stored since the restart, accepted counter {acceptedBefore}..{Value(after, "lxdscope_ingest_reports_total{result=\"accepted\"}")}, "
            + $"duplicates {Value(after, "lxdscope_ingest_reports_total{result=\"duplicate\"}")}; last sequence before: {string.Join(", ", lastBefore.Select(p => $"{p.Key} {p.Value}"))}"));
    }

    [Fact]
    public async Task An_agent_killed_while_the_collector_is_down_resumes_its_spool_in_the_same_epoch()
    {
        await Eventually(TimeSpan.FromSeconds(30), async () => Value(await Metrics(), "lxdscope_database_quorum{cluster=\"testbed\"}") == 1);
        const string agent = "agent-node1";
        var lastBefore = (await LastSequences())[agent];
        var epoch = (await CurrentEpochs())[agent];
        var log = Path.Combine(testbed.Dir, "stack", "agent1.log");
        await testbed.Stack("kill-collector");
        await Task.Delay(3 * IntervalSpan);
        Assert.Equal(0, (await testbed.Stack("kill-agent", "1")).ExitCode); // kill -9, its spool holds reports
        var linesBefore = File.ReadLines(log).Count();
        await Task.Delay(IntervalSpan);
        Assert.Equal(0, (await testbed.Stack("start-agent", "1")).ExitCode);
        await Task.Delay(3 * IntervalSpan);
        var started = await testbed.Stack("start-collector");
        Assert.True(started.ExitCode == 0, started.Stderr);

        await Eventually(TimeSpan.FromSeconds(90), async () =>
            Value(await Metrics(), $"lxdscope_agent_last_sequence{{cluster=\"testbed\",agent=\"{agent}\"}}") >= lastBefore + 6);

        // The restarted agent opened the spool it left: same epoch, reports waiting.
        var opened = File.ReadLines(log).Skip(linesBefore).FirstOrDefault(l => l.Contains("opened: epoch", StringComparison.Ordinal));
        Assert.True(opened is not null, string.Join('\n', File.ReadLines(log).Skip(linesBefore).Take(20)));
        Assert.Contains($"epoch {epoch}", opened, StringComparison.Ordinal);
        Assert.DoesNotContain(" 0 reports", opened, StringComparison.Ordinal);
        Assert.Equal(epoch, (await CurrentEpochs())[agent]);
        Assert.Equal("0", (await Sqlite($"select count(*) from reports where agent_id = '{agent}' and epoch <> '{epoch}' and received_at > {DateTimeOffset.UtcNow.AddMinutes(-5).ToUnixTimeMilliseconds()}")).Trim());
        await AssertContiguousInOrder(agent, epoch, lastBefore + 6);
    }

    private static readonly string[] Agents = ["agent-node1", "agent-node2", "agent-node3"];

    /// <summary>How long the collector stays down; 120 s is the full size, CI uses less.</summary>
    private static TimeSpan Outage => TimeSpan.FromSeconds(
        Environment.GetEnvironmentVariable("LXDSCOPE_TEST_OUTAGE_SECONDS") is { Length: > 0 } s ? int.Parse(s, CultureInfo.InvariantCulture) : 20);

    /// <summary>The epoch's sequences are contiguous from its first to at least <paramref name="atLeast"/>, each once, received in sequence order.</summary>
    private async Task AssertContiguousInOrder(string agent, string epoch, long atLeast)
    {
        var where = $"agent_id = '{agent}' and epoch = '{epoch}'";
        var summary = (await Sqlite($"select count(*), count(distinct sequence), min(sequence), max(sequence) from reports where {where}")).Trim().Split('|').Select(p => long.Parse(p, CultureInfo.InvariantCulture)).ToArray();
        var log = Path.Combine(testbed.Dir, "stack", agent.Replace("agent-node", "agent", StringComparison.Ordinal) + ".log");
        var context = $"{agent} {epoch}: count, distinct, min, max = {string.Join(", ", summary)}\n{string.Join('\n', File.ReadLines(log).TakeLast(15))}";
        Assert.True(summary[0] == summary[1] && summary[0] == summary[3] - summary[2] + 1 && summary[3] >= atLeast, context);
        // A later sequence never stored before an earlier one.
        var outOfOrder = await Sqlite($"select count(*) from reports a join reports b on b.agent_id = a.agent_id and b.epoch = a.epoch and b.sequence = a.sequence + 1 where a.{where.Replace(" and ", " and a.", StringComparison.Ordinal)} and b.received_at < a.received_at");
        Assert.True(outOfOrder.Trim() == "0", context);
    }

    private async Task<Dictionary<string, long>> LastSequences()
    {
        var m = await Metrics();
        return Agents.ToDictionary(a => a, a => (long)(Value(m, $"lxdscope_agent_last_sequence{{cluster=\"testbed\",agent=\"{a}\"}}") ?? 0));
    }

    private async Task<Dictionary<string, string>> CurrentEpochs() =>
        (await Sqlite("select agent_id, epoch from agents")).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split('|')).ToDictionary(p => p[0], p => p[1]);

    /// <summary>The collector's database, read-only (the collector may be running).</summary>
    private async Task<string> Sqlite(string sql)
    {
        var q = await Processes.RunAsync("sqlite3", ["-readonly", "-cmd", ".timeout 5000", Path.Combine(testbed.Dir, "stack", "collector.db"), sql], TimeSpan.FromSeconds(30));
        Assert.True(q.ExitCode == 0, $"{sql}: {q.Stderr}");
        return q.Stdout;
    }
}
