using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using LxdScope.SystemTests.Testbed;
using Xunit.Abstractions;

namespace LxdScope.SystemTests.Monitoring;

/// <summary>
/// The dashboards and alert rules against the real thing: the testbed, its agents and collector
/// (deploy/testbed/stack), and Debian's prometheus and prometheus-alertmanager started here on
/// loopback ports on the shipped configurations (deploy/prometheus, deploy/alertmanager) adapted
/// to the test's addresses, with a webhook receiver the test runs. The collector has viewers on, as
/// in the deploy kit: Prometheus scrapes it with the viewer token of the shipped configuration. Prometheus loads a copy of
/// alerts/lxdscope.rules.yml whose <c>for:</c> durations are cut to a few seconds
/// (<see cref="ShortenedRules"/>); everything else in it is the shipped file.
/// </summary>
[Collection(TestbedCollection.Name)]
public sealed partial class PrometheusAlertmanagerTests(TestbedFixture testbed, ITestOutputHelper output) : IAsyncLifetime
{
    private const int ForSeconds = 3;
    private const string Victim = "node3";

    // Families LXD 5.0 itself does not serve on this host: it takes disk counters from the
    // container's blkio cgroup, and cgroup v1 here attributes no block I/O to containers (the
    // writes reach the disk through the kernel's flusher), so GET /1.0/metrics has no lxd_disk_*.
    // The test checks that LXD indeed serves none, so this list cannot hide a bug of ours.
    private static readonly string[] NotServedByLxdHere = ["lxd_disk_"];

    // The testbed's members sit on loopback and this kernel has no fan: no agent here watches a
    // fan, so no lxdscope_fan_* series exist. The test checks that none does (so this cannot hide
    // a series we lost); the fan alerts are proven by their promtool tests, the fan data path by
    // the collector's tests and the fan lab's live-capture tests.
    private const string FanMetrics = "lxdscope_fan_";

    public async Task InitializeAsync()
    {
        await testbed.WaitAllOnline("node1", TimeSpan.FromSeconds(90));
        // As the deploy kit runs it: viewers only, and each cluster on a target of its own.
        var up = await testbed.Stack("up", "--port", testbed.StackPort, "--interval", "2s", "--viewers", "--cluster-targets");
        Assert.True(up.ExitCode == 0, up.Stderr);
    }

    public async Task DisposeAsync() => await testbed.Stack("down");

    [Fact]
    public async Task Dashboards_and_alerts_evaluate_in_prometheus_and_a_lost_member_is_paged_through_alertmanager_and_resolved()
    {
        var dir = Path.Combine(testbed.Dir, "monitoring");
        if (Directory.Exists(dir))
        {
            Directory.Delete(dir, recursive: true);
        }

        // Viewers on: the collector's metrics are not for anyone without a viewer token.
        using (var anonymous = new HttpClient())
        {
            var refused = await anonymous.GetAsync($"http://127.0.0.1:{testbed.StackPort}/metrics");
            Assert.Equal(System.Net.HttpStatusCode.Unauthorized, refused.StatusCode);
        }

        var viewerToken = (await testbed.Stack("viewer-token")).Stdout.Trim();
        var collectorUrl = $"http://127.0.0.1:{testbed.StackPort}";
        var anonymousPlan = await testbed.LxdScope("forensics", "recovery-plan", "--collector", collectorUrl, "--cluster", "testbed");
        Assert.Equal(1, anonymousPlan.ExitCode);
        Assert.Contains("answered 401", anonymousPlan.Stderr, StringComparison.Ordinal);
        Assert.Contains("--token-file", anonymousPlan.Stderr, StringComparison.Ordinal);
        var viewerPlan = await testbed.LxdScope("forensics", "recovery-plan", "--collector", collectorUrl, "--cluster", "testbed", "--token-file", viewerToken);
        Assert.True(viewerPlan.Stdout.StartsWith("Recover from: ", StringComparison.Ordinal), viewerPlan.Stderr + viewerPlan.Stdout);
        var clock = Stopwatch.StartNew();
        await using var webhook = new WebhookReceiver();
        await using var alertmanager = await AlertmanagerServer.StartAsync(Path.Combine(dir, "alertmanager"), webhook.Url);
        var rules = Path.Combine(dir, "lxdscope.rules.yml");
        var shortened = ShortenedRules.Write(rules, ForSeconds);
        await using var longTerm = await PrometheusServer.StartReceiverAsync(Path.Combine(dir, "long-term"));
        await using var prometheus = await PrometheusServer.StartAsync(
            Path.Combine(dir, "prometheus"), [$"127.0.0.1:{testbed.StackPort}"], rules, $"127.0.0.1:{alertmanager.Port}", viewerToken, longTerm.Url + "/api/v1/write");

        // Every job scraped several times, so that rate() and increase() have samples: the
        // collector's own series, the testbed's cluster found through discovery, LXD's metrics.
        await Eventually("the three scrape jobs up with 3 samples", TimeSpan.FromSeconds(30), async () =>
            (await prometheus.Query("count_over_time(up[1m]) >= 3 and up == 1")).GetArrayLength() == 3, prometheus.Tail);
        var clusterTarget = Assert.Single((await prometheus.Query("up{job=\"lxdscope-clusters\"}")).EnumerateArray()).GetProperty("metric");
        Assert.Equal("testbed", clusterTarget.GetProperty("cluster").GetString());
        // The collector's /metrics has its own series only; the cluster's come from its target, labels as served.
        Assert.Equal(["lxdscope-clusters"], (await prometheus.Query("count by (job) ({__name__=~\"lxdscope_.+\", cluster!=\"\"})")).EnumerateArray()
            .Select(r => r.GetProperty("metric").GetProperty("job").GetString()));
        Assert.Equal(0, (await prometheus.Query("{exported_cluster!=\"\"}")).GetArrayLength());

        // The shipped remote_write block carries the series onward, labels intact, to a store
        // that scrapes nothing itself.
        const string OnlineMembers = "count(max without (instance) (lxdscope_member_state{state=\"ONLINE\"}) == 1)";
        const string DatabaseSeries = "count({__name__=~\"lxdscope_database_.+\"})";
        await Eventually("the members' states and every database series in the long-term store", TimeSpan.FromSeconds(30), async () =>
            await Single(longTerm, OnlineMembers) == "3"
            && await Single(longTerm, DatabaseSeries) is { } stored && stored == await Single(prometheus, DatabaseSeries), longTerm.Tail);

        // The shipped rules, all loaded and healthy, with the shortened durations.
        var alertRules = (await prometheus.Rules()).EnumerateArray()
            .SelectMany(g => g.GetProperty("rules").EnumerateArray())
            .Where(r => r.GetProperty("type").GetString() == "alerting")
            .ToList();
        Assert.Equal(ShortenedRules.AlertCount(), alertRules.Count);
        Assert.Equal(alertRules.Count(r => r.GetProperty("duration").GetDouble() > 0), shortened);
        Assert.All(alertRules, r => Assert.True(r.GetProperty("health").GetString() == "ok", r.ToString()));
        Assert.All(alertRules, r => Assert.True(r.GetProperty("duration").GetDouble() <= ForSeconds, r.ToString()));
        Assert.Contains(alertRules, r => r.GetProperty("name").GetString() == "LxdMemberOffline");

        // Healthy: every alert expression is empty, and not because its series are missing.
        foreach (var rule in alertRules)
        {
            var name = rule.GetProperty("name").GetString();
            var expr = rule.GetProperty("query").GetString()!;
            var result = await prometheus.Query(expr);
            Assert.True(result.GetArrayLength() == 0, $"{name} on a healthy cluster: {expr} returned {result}");
            Assert.Equal("inactive", rule.GetProperty("state").GetString());
            foreach (var metric in MetricName().Matches(expr).Select(m => m.Value).Distinct())
            {
                var series = (await prometheus.Query(metric)).GetArrayLength();
                if (metric.StartsWith(FanMetrics, StringComparison.Ordinal))
                {
                    Assert.True(series == 0, $"{metric} has series, yet no agent of the testbed watches a fan");
                    continue;
                }

                Assert.True(series > 0, $"{name} uses {metric}, which Prometheus has no series of");
            }
        }

        // Every dashboard expression returns data (annotations: a valid query, data once an event happened).
        var expressions = DashboardExpressions.All().ToList();
        Assert.Contains(expressions, e => e.Kind == ExpressionKind.Panel);
        var lxdServes = await LxdMetricFamilies();
        foreach (var e in expressions)
        {
            var result = await prometheus.Query(e.Expr);
            if (e.Kind == ExpressionKind.Annotation)
            {
                continue;
            }

            if (e.Expr.Contains(FanMetrics, StringComparison.Ordinal))
            {
                Assert.True(result.GetArrayLength() == 0, $"{e.File} {e.Where}: fan data, yet no agent of the testbed watches a fan");
                output.WriteLine($"{e.File} {e.Where}: no data, no fan on the testbed");
                continue;
            }

            var absent = NotServedByLxdHere.FirstOrDefault(f => e.Expr.Contains(f, StringComparison.Ordinal));
            if (absent is not null)
            {
                Assert.DoesNotContain(lxdServes, f => f.StartsWith(absent, StringComparison.Ordinal));
                output.WriteLine($"{e.File} {e.Where}: no data, LXD serves no {absent}* here");
                continue;
            }

            Assert.True(result.GetArrayLength() > 0, $"{e.File} {e.Where}: {e.Expr} returned no data");
            if (e.Label is not null)
            {
                Assert.All(result.EnumerateArray(), s => Assert.True(s.GetProperty("metric").TryGetProperty(e.Label, out _), $"{e.File} {e.Where}: no label {e.Label} in {s}"));
            }
        }

        output.WriteLine($"{expressions.Count} dashboard and {alertRules.Count} alert expressions evaluated at {clock.Elapsed.TotalSeconds:F1} s");
        Assert.Empty(webhook.Notifications);

        // A member lost: LxdMemberOffline fires in Prometheus, reaches Alertmanager, is delivered.
        await testbed.Kill(Victim);
        var killed = Stopwatch.StartNew();
        try
        {
            await Eventually("LxdMemberOffline firing in Prometheus", TimeSpan.FromSeconds(60), async () =>
                (await prometheus.Alerts()).EnumerateArray().Any(a => IsOffline(a.GetProperty("labels")) && a.GetProperty("state").GetString() == "firing"), prometheus.Tail);
            var firing = killed.Elapsed;
            // Critical: routed to the pager receiver of the shipped configuration.
            await Eventually("LxdMemberOffline delivered to the pager webhook", TimeSpan.FromSeconds(20), () =>
                Task.FromResult(webhook.Received("/pager", "firing", "LxdMemberOffline", Victim)), alertmanager.Tail);
            var delivered = killed.Elapsed;
            // Not critical (the victim's agent failing to read its LXD): the ticket receiver.
            await Eventually("a warning delivered to the ticket webhook", TimeSpan.FromSeconds(20), () =>
                Task.FromResult(webhook.Alerts().Any(x => x.Path == "/tickets" && Severity(x.Alert) == "warning")), alertmanager.Tail);
            Assert.All(webhook.Alerts(), x => Assert.Equal(x.Path == "/pager", Severity(x.Alert) == "critical"));
            var held = await alertmanager.Alerts();
            Assert.Contains(held.EnumerateArray(), a => IsOffline(a.GetProperty("labels")) && a.GetProperty("status").GetProperty("state").GetString() == "active");
            output.WriteLine($"{Victim} killed: firing in Prometheus after {firing.TotalSeconds:F1} s, delivered after {delivered.TotalSeconds:F1} s");

            // The cluster dashboard's event annotation now marks the member going offline.
            foreach (var a in expressions.Where(e => e.Kind == ExpressionKind.Annotation))
            {
                await Eventually($"{a.File} {a.Where} shows the event", TimeSpan.FromSeconds(10), async () =>
                    (await prometheus.Query(a.Expr)).EnumerateArray().Any(s => s.GetProperty("metric").TryGetProperty("kind", out var k) && k.GetString() == "member-offline"), "");
            }
        }
        finally
        {
            await testbed.Start(Victim);
        }

        // Back: the alert resolves in Prometheus and the resolved notification is delivered.
        await testbed.WaitAllOnline("node1", TimeSpan.FromSeconds(90));
        await Eventually("LxdMemberOffline resolved and delivered", TimeSpan.FromSeconds(60), () =>
            Task.FromResult(webhook.Received("/pager", "resolved", "LxdMemberOffline", Victim)), alertmanager.Tail);
        Assert.DoesNotContain((await prometheus.Alerts()).EnumerateArray(), a => IsOffline(a.GetProperty("labels")));
        var notification = webhook.Alerts().First(x => x.Status == "firing" && IsOffline(x.Alert.GetProperty("labels"))).Alert;
        Assert.Equal("critical", notification.GetProperty("labels").GetProperty("severity").GetString());
        Assert.Equal("testbed", notification.GetProperty("labels").GetProperty("cluster").GetString());
        Assert.Contains(Victim, notification.GetProperty("annotations").GetProperty("summary").GetString(), StringComparison.Ordinal);
        output.WriteLine($"resolved after {killed.Elapsed.TotalSeconds:F1} s; whole test {clock.Elapsed.TotalSeconds:F1} s");
    }

    private static string? Severity(JsonElement alert) => alert.GetProperty("labels").GetProperty("severity").GetString();

    private static bool IsOffline(JsonElement labels) =>
        labels.GetProperty("alertname").GetString() == "LxdMemberOffline"
        && labels.TryGetProperty("member", out var m) && m.GetString() == Victim;

    /// <summary>The metric families LXD itself serves on the members (GET /1.0/metrics through each socket).</summary>
    private async Task<HashSet<string>> LxdMetricFamilies()
    {
        var families = new HashSet<string>(StringComparer.Ordinal);
        foreach (var member in new[] { "node1", "node2", "node3" })
        {
            var r = await Processes.RunAsync("curl", ["-sf", "--max-time", "10", "--unix-socket", Path.Combine(testbed.MemberDir(member), "unix.socket"), "lxd/1.0/metrics"], TimeSpan.FromSeconds(15));
            Assert.True(r.ExitCode == 0, $"GET /1.0/metrics on {member}: {r.Stderr}");
            foreach (var line in r.Stdout.Split('\n').Where(l => l.StartsWith("lxd_", StringComparison.Ordinal)))
            {
                families.Add(line[..line.IndexOfAny(['{', ' '])]);
            }
        }

        Assert.NotEmpty(families);
        return families;
    }

    private static async Task Eventually(string what, TimeSpan limit, Func<Task<bool>> condition, string context)
    {
        var clock = Stopwatch.StartNew();
        Exception? last = null;
        while (clock.Elapsed < limit)
        {
            try
            {
                if (await condition())
                {
                    return;
                }
            }
            catch (HttpRequestException e)
            {
                last = e;
            }

            await Task.Delay(500);
        }

        Assert.Fail($"{what}: not within {limit} {last?.Message}\n{context}");
    }

    /// <summary>The value of a query answering one sample, or null while it answers none.</summary>
    private static async Task<string?> Single(PrometheusServer server, string expr) =>
        (await server.Query(expr)).EnumerateArray().Select(v => v.GetProperty("value")[1].GetString()).FirstOrDefault();

    [GeneratedRegex(@"\blxd(scope)?_[a-z_]+")]
    private static partial Regex MetricName();
}
