using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using LxdScope.SystemTests.Monitoring;
using LxdScope.SystemTests.Testbed;
using static LxdScope.SystemTests.Commands.CollectorsOnPostgresTests;

namespace LxdScope.SystemTests.Commands;

/// <summary>
/// The testbed's three members watched by real agents that list two collectors on one
/// PostgreSQL: the preferred collector is killed with SIGKILL, the agents fail over to the other,
/// the killed one restarts, and nothing is lost or stored twice. Debian's Prometheus scrapes both
/// collectors on the shipped configuration and rules throughout: every dashboard expression
/// gives each series once, and no alert fires for the lost collector.
/// </summary>
[Collection(TestbedCollection.Name)]
public sealed class CollectorsOnPostgresTestbedTests(TestbedFixture testbed)
{
    private const string Cluster = "testbed";
    private const string Token = "testbed-pg-agent-token";
    private const string ViewerToken = "testbed-pg-viewer-token";

    [Fact]
    public async Task Real_agents_fail_over_between_two_collectors_on_one_postgres_and_lose_nothing()
    {
        await testbed.WaitAllOnline("node1", TimeSpan.FromSeconds(90));
        var connectionString = PostgresServer.Shared.CreateDatabase("testbedagents");
        var directory = Directory.CreateTempSubdirectory("lxdscope-pg-agents-");
        var processes = new List<BackgroundProcess>();
        BackgroundProcess? preferred = null;
        try
        {
            var config = Path.Combine(directory.FullName, "collector.json");
            var tokenFile = Path.Combine(directory.FullName, "token");
            await File.WriteAllTextAsync(tokenFile, Token);
            var viewerTokenFile = Path.Combine(directory.FullName, "viewer-token");
            await File.WriteAllTextAsync(viewerTokenFile, ViewerToken);
            await File.WriteAllTextAsync(config, JsonSerializer.Serialize(new JsonObject
            {
                ["Collector"] = new JsonObject
                {
                    ["Storage"] = "postgres",
                    ["Tokens"] = new JsonArray(new JsonObject { ["Cluster"] = Cluster, ["Sha256"] = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Token))) }),
                    // As in the deploy kit: each cluster's series on a target of its own, found by
                    // Prometheus at /metrics/targets; only viewers read, Prometheus and this test among them.
                    ["Metrics"] = new JsonObject { ["IncludeClusters"] = false },
                    ["Viewers"] = new JsonObject
                    {
                        ["Tokens"] = new JsonArray(new JsonObject { ["Name"] = "prometheus", ["Sha256"] = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(ViewerToken))) }),
                    },
                },
            }));
            var urls = new[] { $"http://127.0.0.1:{LoopbackPort.Free()}", $"http://127.0.0.1:{LoopbackPort.Free()}" };
            preferred = await StartCollectorAsync(config, urls[0], connectionString);
            processes.Add(await StartCollectorAsync(config, urls[1], connectionString));
            var agents = ClusterReports.Names.Select(member => BackgroundProcess.Start(Executable.Launcher,
            [
                "agent", "--cluster", Cluster, "--collector", string.Join(',', urls), "--token-file", tokenFile,
                "--lxd-dir", testbed.MemberDir(member), "--spool-dir", Path.Combine(directory.FullName, "spool-" + member),
                "--agent-id", "pg-agent-" + member, "--interval", "2s",
            ])).ToList();
            processes.AddRange(agents);
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
            http.DefaultRequestHeaders.Authorization = new("Bearer", ViewerToken);

            // Both collectors see every agent, though the agents push only to the first.
            await WaitUntilAsync(async () => (await SequencesInMetricsAsync(http, urls[1], Cluster)) is { Length: 3 } s && s.All(n => n >= 2), "the second collector shows every agent's reports", 90);

            var rules = Path.Combine(directory.FullName, "lxdscope.rules.yml");
            ShortenedRules.Write(rules, 3);
            var targets = urls.Select(u => new Uri(u).Authority).ToList();
            await using var prometheus = await PrometheusServer.StartAsync(Path.Combine(directory.FullName, "prometheus"), targets, rules, "127.0.0.1:9", viewerTokenFile);
            await WaitUntilAsync(async () => await ValueAsync(prometheus, "count(up == 1)") == "6", "Prometheus scrapes the three jobs of both collectors (the cluster found through each one's discovery)", 60);
            await EachSeriesOnceAsync(prometheus, "both collectors up");

            await preferred.DisposeAsync();
            preferred = null;
            var atKill = await SequencesInMetricsAsync(http, urls[1], Cluster);
            await WaitUntilAsync(async () => (await SequencesInMetricsAsync(http, urls[1], Cluster)).Zip(atKill).All(p => p.First >= p.Second + 3), "the agents fail over to the second collector", 90);
            await WaitUntilAsync(async () => await ValueAsync(prometheus, $"count(up{{instance=\"{targets[0]}\"}} == 0)") == "3", "Prometheus sees the killed collector down", 30);
            await EachSeriesOnceAsync(prometheus, "the preferred collector killed");

            preferred = await StartCollectorAsync(config, urls[0], connectionString);
            var afterRestart = await SequencesInMetricsAsync(http, urls[1], Cluster);
            await WaitUntilAsync(async () => (await SequencesInMetricsAsync(http, urls[0], Cluster)).Zip(afterRestart).All(p => p.First >= p.Second + 2), "the restarted collector follows the agents' reports again", 90);
            await WaitUntilAsync(async () => await ValueAsync(prometheus, "count(up == 1)") == "6", "Prometheus scrapes the restarted collector", 30);
            await EachSeriesOnceAsync(prometheus, "the preferred collector back");

            foreach (var agent in agents)
            {
                await agent.DisposeAsync();
                processes.Remove(agent);
            }

            // Every report each agent made is stored once: its sequences run from 1 without a gap.
            foreach (var member in ClusterReports.Names)
            {
                var stored = Sequences(connectionString, "pg-agent-" + member);
                Assert.Equal(Enumerable.Range(1, stored.Count).Select(s => (long)s), stored);
            }

            // Both collectors answer the same for the cluster (member states age on each collector's clock: compared until they meet).
            await WaitUntilAsync(async () =>
                (await StateMetricsAsync(http, urls[0], Cluster)).SequenceEqual(await StateMetricsAsync(http, urls[1], Cluster))
                && await ClusterAsync(http, urls[0], Cluster) == await ClusterAsync(http, urls[1], Cluster), "both collectors agree", 30);
        }
        finally
        {
            if (preferred is not null)
            {
                processes.Add(preferred);
            }

            foreach (var process in processes)
            {
                await process.DisposeAsync();
            }

            directory.Delete(recursive: true);
        }
    }

    /// <summary>
    /// Every dashboard panel gives each of its series once and without an instance label, the
    /// three members are online once each, and no alert fires.
    /// </summary>
    private static async Task EachSeriesOnceAsync(PrometheusServer prometheus, string when)
    {
        Assert.Equal("3", await ValueAsync(prometheus, "count(max without (instance) (lxdscope_member_state{state=\"ONLINE\"}) == 1)"));
        // Cluster series through the discovered per-cluster targets only, their cluster label kept as served.
        Assert.Equal(["lxdscope-clusters"], (await prometheus.Query("count by (job) ({__name__=~\"lxdscope_member_.+|lxdscope_reachability_.+\"})")).EnumerateArray()
            .Select(s => s.GetProperty("metric").GetProperty("job").GetString()));
        Assert.Equal(0, (await prometheus.Query("{exported_cluster!=\"\"}")).GetArrayLength());
        foreach (var e in DashboardExpressions.All().Where(e => e.Kind == ExpressionKind.Panel))
        {
            var series = (await prometheus.Query(e.Expr)).EnumerateArray().Select(s => s.GetProperty("metric")).ToList();
            Assert.DoesNotContain(series, s => s.TryGetProperty("instance", out _));
            var labelSets = series.Select(s => s.ToString()).ToList();
            Assert.True(labelSets.Count == labelSets.Distinct().Count(), $"{when}: {e.File} {e.Where} repeats a series: {string.Join(" ", labelSets)}");
        }

        var firing = (await prometheus.Alerts()).EnumerateArray().Where(a => a.GetProperty("state").GetString() == "firing").Select(a => a.ToString()).ToList();
        Assert.True(firing.Count == 0, $"{when}: {string.Join(" ", firing)}");
    }

    private static async Task<string?> ValueAsync(PrometheusServer prometheus, string expr) =>
        (await prometheus.Query(expr)).EnumerateArray().Select(v => v.GetProperty("value")[1].GetString()).FirstOrDefault();
}
