using System.Globalization;
using System.Text.RegularExpressions;
using LxdScope.Bench.IngestLoad;
using LxdScope.SystemTests.Testbed;

namespace LxdScope.SystemTests.Commands;

/// <summary>A real agent on the testbed with a small spool while its collector (a real one, of this test) is down.</summary>
[Collection(TestbedCollection.Name)]
public sealed partial class AgentSpoolTests(TestbedFixture testbed) : IDisposable
{
    private const int MaxReports = 4;
    private const string AgentId = "agent-spool-test";
    private readonly string dir = Path.Combine(Path.GetTempPath(), "lxdscope-spool-test-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly HttpClient http = new() { Timeout = TimeSpan.FromSeconds(10) };

    [Fact]
    public async Task A_full_spool_drops_the_oldest_first_says_how_many_and_keeps_the_newest()
    {
        await using var collector = await CollectorProcess.StartAsync(Executable.Launcher, Path.Combine(dir, "collector"), cluster: "spooltest");
        await collector.KillAsync();
        var token = Path.Combine(dir, "token");
        File.WriteAllText(token, collector.Token);
        await using var agent = BackgroundProcess.Start(
            Executable.Launcher,
            ["agent", "--cluster", "spooltest", "--collector", collector.Url.ToString(), "--token-file", token, "--lxd-dir", testbed.MemberDir("node1"),
             "--spool-dir", Path.Combine(dir, "spool"), "--agent-id", AgentId, "--interval", "1s"],
            new Dictionary<string, string> { ["LXDSCOPE_Agent__Spool__MaxReports"] = MaxReports.ToString(CultureInfo.InvariantCulture) });

        // Twice the spool's worth and more, with nowhere to send it.
        await MetricsText.Eventually(TimeSpan.FromSeconds(40), () => Task.FromResult(Dropped(agent.Output).Count >= MaxReports + 2), () => agent.Tail);
        await collector.StartAgainAsync();
        await MetricsText.Eventually(TimeSpan.FromSeconds(90), async () =>
            MetricsText.Value(await http.GetStringAsync(new Uri(collector.Url, "/metrics")), $"lxdscope_agent_spool_dropped_reports{{cluster=\"spooltest\",agent=\"{AgentId}\"}}") is not null,
            () => agent.Tail + collector.Tail);
        // Let the spool drain: the newest reports are delivered within seconds.
        await Task.Delay(TimeSpan.FromSeconds(3));
        await agent.DisposeAsync();

        var drops = Dropped(agent.Output);
        var lastDropped = drops.Max(d => d.Last);
        var totalDropped = drops.Max(d => d.Total);
        Assert.Equal(drops.Sum(d => d.Count), totalDropped);
        // Oldest first: the dropped sequences run from 1 without a gap.
        Assert.Equal(Enumerable.Range(1, (int)lastDropped).Select(i => (long)i), drops.OrderBy(d => d.First).SelectMany(d => Range(d.First, d.Last)));
        var epoch = (await StoredReports.QueryAsync(collector.DatabasePath, $"SELECT epoch FROM agents WHERE agent_id = '{AgentId}'")).Single();
        var stored = (await StoredReports.OfEpochAsync(collector.DatabasePath, epoch)).Select(r => r.Sequence).ToList();
        // The newest were kept: what is stored starts right after the last dropped one, with no gap.
        Assert.True(stored.Count >= MaxReports, agent.Tail);
        Assert.Equal(Range(lastDropped + 1, stored[^1]), stored);
        // And the count reached the collector, as a metric.
        var metrics = await http.GetStringAsync(new Uri(collector.Url, "/metrics"));
        Assert.Equal(totalDropped, MetricsText.Value(metrics, $"lxdscope_agent_spool_dropped_reports{{cluster=\"spooltest\",agent=\"{AgentId}\"}}"));
    }

    public void Dispose()
    {
        http.Dispose();
        if (Directory.Exists(dir))
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static IEnumerable<long> Range(long first, long last)
    {
        for (var s = first; s <= last; s++)
        {
            yield return s;
        }
    }

    private static List<(long Count, long First, long Last, long Total)> Dropped(string log) =>
        DropLine().Matches(log).Select(m => (
            long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture),
            long.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture),
            long.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture),
            long.Parse(m.Groups[4].Value, CultureInfo.InvariantCulture))).ToList();

    [GeneratedRegex(@"dropped the (\d+) oldest reports, sequences (\d+) to (\d+) \(\d+ bytes\); (\d+) dropped in total")]
    private static partial Regex DropLine();
}
