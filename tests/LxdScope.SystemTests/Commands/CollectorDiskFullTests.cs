using System.Net;
using LxdScope.Bench.IngestLoad;
using LxdScope.SystemTests.Testbed;
using LxdScope.Testing;
using Xunit.Abstractions;

namespace LxdScope.SystemTests.Commands;

/// <summary>The real collector's database on a small tmpfs that the test fills up while simulated agents push.</summary>
[Collection(LoadCollection.Name)]
public sealed class CollectorDiskFullTests(ITestOutputHelper output) : IDisposable
{
    private const string Filler = "filler";
    private readonly TempDirectory scratch = new();
    private readonly HttpClient http = new() { Timeout = TimeSpan.FromSeconds(10) };

    [Fact]
    public async Task Collector_on_a_full_disk_answers_503_says_so_and_recovers_without_losing_a_report()
    {
        await using var mount = await TmpfsMount.CreateAsync(Path.Combine(scratch.Path, "db"), "16m");
        await using var collector = await CollectorProcess.StartAsync(Executable.Launcher, scratch.Path, Path.Combine(mount.Path, "collector.db"), clusters: 7);
        var load = LoadGenerator.RunAsync(new LoadOptions
        {
            Collector = collector.Url,
            Clusters = collector.Clusters,
            Agents = 20,
            Duration = TimeSpan.FromSeconds(30),
        });
        await Task.Delay(TimeSpan.FromSeconds(3));

        // Full: every write fails, loudly.
        var filled = mount.Fill(Filler);
        output.WriteLine($"filler: {filled:N0} bytes");
        await MetricsText.Eventually(TimeSpan.FromSeconds(15), async () =>
            MetricsText.Value(await Metrics(collector), "lxdscope_ingest_store_failures_total") >= 20, () => collector.Tail);
        using (var ready = await http.GetAsync(new Uri(collector.Url, "/readyz")))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
            Assert.Contains("last write failed", await ready.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.Contains("the disk holding the database is full", collector.Tail, StringComparison.Ordinal);
        await Task.Delay(TimeSpan.FromSeconds(5)); // a while full: every agent has reports refused


        // Space again: ingest recovers by itself, readiness with it.
        File.Delete(Path.Combine(mount.Path, Filler));
        await MetricsText.Eventually(TimeSpan.FromSeconds(15), async () =>
        {
            using var ready = await http.GetAsync(new Uri(collector.Url, "/readyz"));
            return ready.StatusCode == HttpStatusCode.OK;
        }, () => collector.Tail);
        var run = await load;

        output.WriteLine(run.Summary());
        Assert.Equal(["503"], run.Errors.Keys);
        Assert.True(run.Errors["503"] >= 20 * 5, run.Summary());
        Assert.Equal(run.Errors["503"], MetricsText.Value(await Metrics(collector), "lxdscope_ingest_store_failures_total"));
        // Every agent went on after the outage, resending what was refused: nothing acknowledged is lost.
        Assert.All(run.Acked.GroupBy(a => a.AgentId), g => Assert.True(g.Max(a => a.Sequence) >= 15, $"{g.Key} stalled at {g.Max(a => a.Sequence)}"));
        Assert.Empty(await StoredReports.MissingAsync(collector.DatabasePath, run));
        await collector.KillAsync();
        Assert.Equal(["ok"], await StoredReports.QueryAsync(collector.DatabasePath, "PRAGMA integrity_check"));
    }

    public void Dispose()
    {
        http.Dispose();
        scratch.Dispose();
    }

    private Task<string> Metrics(CollectorProcess collector) => http.GetStringAsync(new Uri(collector.Url, "/metrics"));
}
