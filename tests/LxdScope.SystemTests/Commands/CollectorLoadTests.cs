using System.Globalization;
using LxdScope.Bench.IngestLoad;
using LxdScope.SystemTests.Testbed;
using LxdScope.Testing;
using Xunit.Abstractions;

namespace LxdScope.SystemTests.Commands;

/// <summary>
/// The real NativeAOT collector under simulated agents over loopback: held load, and kill -9 in
/// the middle of it. CI scale by default; LXDSCOPE_TEST_LOAD_AGENTS=500 LXDSCOPE_TEST_LOAD_SECONDS=60
/// for the full size (bench/IngestLoad measures the same at full size).
/// </summary>
[Collection(LoadCollection.Name)]
public sealed class CollectorLoadTests(ITestOutputHelper output) : IDisposable
{
    private static readonly int Agents = Setting("LXDSCOPE_TEST_LOAD_AGENTS", 50);
    private static readonly int Seconds = Setting("LXDSCOPE_TEST_LOAD_SECONDS", 10);
    private static readonly int KillRounds = Setting("LXDSCOPE_TEST_KILL_ROUNDS", 3);
    private readonly TempDirectory scratch = new();
    private readonly HttpClient http = new() { Timeout = TimeSpan.FromSeconds(10) };

    [Theory]
    [InlineData(1)]
    [InlineData(10)]
    public async Task Collector_takes_every_report_of_simulated_agents_without_an_error(int sizeFactor)
    {
        await using var collector = await CollectorProcess.StartAsync(Executable.Launcher, scratch.Path, clusters: (Agents + 2) / 3);

        var run = await LoadGenerator.RunAsync(Options(collector, Agents, TimeSpan.FromSeconds(Seconds)) with { SizeFactor = sizeFactor });

        output.WriteLine(run.Summary());
        Assert.True(run.ErrorCount == 0, run.Summary() + "\n" + collector.Tail);
        // One report per agent and second: a collector that cannot keep up falls behind here.
        Assert.True(run.Acked.Count >= Agents * Seconds * 9 / 10, run.Summary());
        Assert.Empty(await StoredReports.MissingAsync(collector.DatabasePath, run));
        var metrics = await http.GetStringAsync(new Uri(collector.Url, "/metrics"));
        Assert.Equal(run.Acked.Count, MetricsText.Value(metrics, "lxdscope_ingest_reports_total{result=\"accepted\"}"));
        Assert.Equal(0, MetricsText.Value(metrics, "lxdscope_ingest_reports_total{result=\"duplicate\"}"));
    }

    [Fact]
    public async Task Collector_killed_under_ingest_load_keeps_every_acknowledged_report()
    {
        await using var collector = await CollectorProcess.StartAsync(Executable.Launcher, scratch.Path, clusters: 10);
        var duration = TimeSpan.FromSeconds(4 + 4 * KillRounds);
        var load = LoadGenerator.RunAsync(Options(collector, 30, duration) with { CollectorPid = null });

        var pids = new List<int>();
        for (var round = 0; round < KillRounds; round++)
        {
            await Task.Delay(TimeSpan.FromSeconds(3));
            pids.Add(collector.Pid);
            await collector.KillAsync(); // SIGKILL: no shutdown code, commits in flight
            await Task.Delay(TimeSpan.FromMilliseconds(500));
            await collector.StartAgainAsync();
        }

        var run = await load;

        output.WriteLine($"{KillRounds} kills (PIDs {string.Join(", ", pids)}): {run.Summary()}");
        // The kills were felt: requests failed while the collector was down.
        Assert.NotEmpty(run.Errors);
        Assert.All(run.Errors.Keys, k => Assert.Contains(k, new[] { "HttpRequestException", "TaskCanceledException", "IOException" }));
        var missing = await StoredReports.MissingAsync(collector.DatabasePath, run);
        Assert.True(missing.Count == 0, $"{missing.Count} acknowledged reports lost, e.g. {string.Join(", ", missing.Take(5))}");
        // Reports were acknowledged after the last restart too: the database took writes again.
        var last = run.Acked.GroupBy(a => a.AgentId).Select(g => g.Max(a => a.Sequence)).Min();
        Assert.True(last >= (long)(duration.TotalSeconds * 0.6), $"an agent stalled at sequence {last}: {run.Summary()}\n{collector.Tail}");
        await collector.KillAsync();
        Assert.Equal(["ok"], await StoredReports.QueryAsync(collector.DatabasePath, "PRAGMA integrity_check"));
    }

    public void Dispose()
    {
        http.Dispose();
        scratch.Dispose();
    }

    private static LoadOptions Options(CollectorProcess collector, int agents, TimeSpan duration) => new()
    {
        Collector = collector.Url,
        Clusters = collector.Clusters,
        Agents = agents,
        Duration = duration,
        CollectorPid = collector.Pid,
    };

    private static int Setting(string name, int fallback) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
}
