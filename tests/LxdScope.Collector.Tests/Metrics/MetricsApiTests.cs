using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using LxdScope.Collector.State;
using LxdScope.Collector.Tests.Support;
using LxdScope.Contracts;
using Microsoft.Extensions.DependencyInjection;

namespace LxdScope.Collector.Tests.Metrics;

/// <summary>Reports in through ingest, status and metrics out: the whole collector on a test server.</summary>
public sealed class MetricsApiTests
{
    private static readonly string GoldenPath = Path.Combine(AppContext.BaseDirectory, "Metrics", "Golden", "metrics.txt");

    private static async Task<TestCollector> WithHealthyCluster()
    {
        var collector = await TestCollector.StartAsync(b => b.Services.AddSingleton<IReportSink>(sp => sp.GetRequiredService<ClusterRegistry>()));
        var at = TestCollector.Start;
        var global = ClusterReports.HealthyGlobal(at);
        foreach (var (member, i) in ClusterReports.Names.Select((n, i) => (n, i)))
        {
            var report = ClusterReports.Report(member, 1, at, global, lastIndex: 100 + (ulong)i, cluster: TestCollector.Cluster) with
            {
                Instances = new([new($"c-{member}", "default", "container", "Running")],
                    $"# HELP lxd_procs_total The number of running processes.\n# TYPE lxd_procs_total gauge\nlxd_procs_total{{name=\"c-{member}\",project=\"default\",type=\"container\"}} 1\n"),
                Fan = member == "node1" ? FanSections.Section(FanSections.Peer("node2", "192.168.0.2", "healthy"), FanSections.Peer("node3", "192.168.0.3", "mtu-blackhole", 3, 3)) : null,
            };
            await Responses.AssertOk(await collector.PostAsync(Reports.Gzip(report)));
        }

        return collector;
    }

    private static async Task AddIncusCluster(TestCollector collector)
    {
        var at = TestCollector.Start;
        foreach (var member in ClusterReports.Names)
        {
            var report = ClusterReports.Report(member, 1, at, ClusterReports.IncusGlobal(at), cluster: TestCollector.OtherCluster) with { AgentId = $"incus-{member}" };
            await Responses.AssertOk(await collector.PostAsync(Reports.Gzip(report), TestCollector.OtherToken));
        }
    }

    private static List<string> Samples(string text) => text.Split('\n').Where(l => l.Length > 0 && l[0] != '#').ToList();

    [Fact]
    public async Task Metrics_match_the_golden_scrape_and_pass_promtool()
    {
        await using var collector = await WithHealthyCluster();

        // The build's version is set in one place and changes with every release; the golden file
        // keeps a placeholder for it, and this line checks the series is there with that version.
        var text = (await collector.Client.GetStringAsync("/metrics")).Replace(
            $"lxdscope_build_info{{version=\"{BuildInfo.Version}\"}} 1\n", "lxdscope_build_info{version=\"VERSION\"} 1\n", StringComparison.Ordinal);

        if (Environment.GetEnvironmentVariable("LXDSCOPE_UPDATE_GOLDEN") == "1")
        {
            var source = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "tests", "LxdScope.Collector.Tests", "Metrics", "Golden", "metrics.txt");
            await File.WriteAllTextAsync(source, text);
        }

        Assert.Equal(await File.ReadAllTextAsync(GoldenPath), text);
        var (exit, output) = await Promtool(text);
        Assert.True(exit == 0, $"promtool check metrics: {output}");
    }

    [Fact]
    public async Task Lxd_metrics_come_relabelled_on_their_own_endpoint()
    {
        await using var collector = await WithHealthyCluster();

        var text = await collector.Client.GetStringAsync("/metrics/lxd");

        Assert.Equal(1, text.Split('\n').Count(l => l.StartsWith("# TYPE lxd_procs_total", StringComparison.Ordinal)));
        Assert.Contains("lxd_procs_total{cluster=\"alpha\",member=\"node2\",name=\"c-node2\",project=\"default\",type=\"container\"} 1", text, StringComparison.Ordinal);
        Assert.DoesNotContain((await collector.Client.GetStringAsync("/metrics")).Split('\n'), l => l.StartsWith("lxd_", StringComparison.Ordinal) || l.StartsWith("# TYPE lxd_", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_silent_agent_goes_down_after_its_lease_and_a_departed_member_loses_its_series()
    {
        await using var collector = await WithHealthyCluster();
        var registry = collector.Service<ClusterRegistry>();
        // The tick that follows the pushes within a second of real time: the fake clock below
        // jumps 31 s at once.
        registry.Tick();

        collector.Time.Advance(TimeSpan.FromSeconds(31));
        var at = collector.Time.GetUtcNow();
        var twoMembers = ClusterReports.Global(at, ClusterReports.Member("node1", at, leader: true), ClusterReports.Member("node2", at));
        await Responses.AssertOk(await collector.PostAsync(Reports.Gzip(ClusterReports.Report("node1", 2, at, twoMembers, cluster: TestCollector.Cluster))));
        registry.Tick();
        var text = await collector.Client.GetStringAsync("/metrics");

        Assert.Contains("lxdscope_agent_up{cluster=\"alpha\",agent=\"agent-node1\",member=\"node1\"} 1", text, StringComparison.Ordinal);
        Assert.Contains("lxdscope_agent_up{cluster=\"alpha\",agent=\"agent-node2\",member=\"node2\"} 0", text, StringComparison.Ordinal);
        Assert.DoesNotContain("member=\"node3\"", text.Split('\n').Where(l => l.StartsWith("lxdscope_member", StringComparison.Ordinal)).Aggregate("", string.Concat), StringComparison.Ordinal);
        // The clock's tick at 31 s found all three silent; node1's report then brought it back.
        Assert.Contains("lxdscope_cluster_events_total{cluster=\"alpha\",kind=\"agent-silent\"} 3", text, StringComparison.Ordinal);
        Assert.Contains("lxdscope_cluster_events_total{cluster=\"alpha\",kind=\"agent-back\"} 1", text, StringComparison.Ordinal);
        Assert.DoesNotContain("kind=\"quorum-lost\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_clusters_api_names_members_quorum_and_events()
    {
        await using var collector = await WithHealthyCluster();

        using var list = JsonDocument.Parse(await collector.Client.GetStringAsync("/api/v1/clusters"));
        using var detail = JsonDocument.Parse(await collector.Client.GetStringAsync("/api/v1/clusters/alpha"));
        var missing = await collector.Client.GetAsync(new Uri("/api/v1/clusters/nope", UriKind.Relative));

        var summary = list.RootElement[0];
        Assert.Equal(("alpha", true, 3, 1, "node1"), (summary.GetProperty("name").GetString(), summary.GetProperty("quorum").GetBoolean(),
            summary.GetProperty("members_online").GetInt32(), summary.GetProperty("failure_tolerance").GetInt32(), summary.GetProperty("leader").GetString()));
        var status = detail.RootElement.GetProperty("status");
        Assert.Equal(9, status.GetProperty("reachability").GetArrayLength());
        Assert.Equal(102UL, status.GetProperty("members")[2].GetProperty("raft_last_index").GetUInt64());
        Assert.Equal(JsonValueKind.Array, detail.RootElement.GetProperty("events").ValueKind);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task LXD_and_Incus_clusters_side_by_side_say_which_product_and_version_each_runs()
    {
        await using var collector = await WithHealthyCluster();
        var at = TestCollector.Start;
        foreach (var member in ClusterReports.Names)
        {
            var report = ClusterReports.Report(member, 1, at, ClusterReports.IncusGlobal(at), cluster: TestCollector.OtherCluster) with
            {
                AgentId = $"incus-{member}",
                Instances = new([new("c1", "default", "container", "Running")],
                    $"# TYPE incus_procs_total gauge\nincus_procs_total{{name=\"c-{member}\",project=\"default\",type=\"container\"}} 2\n# EOF\n"),
            };
            await Responses.AssertOk(await collector.PostAsync(Reports.Gzip(report), TestCollector.OtherToken));
        }

        using var list = JsonDocument.Parse(await collector.Client.GetStringAsync("/api/v1/clusters"));
        using var beta = JsonDocument.Parse(await collector.Client.GetStringAsync("/api/v1/clusters/beta"));
        var metrics = (await collector.Client.GetStringAsync("/metrics")).Split('\n');
        var lxdMetrics = await collector.Client.GetStringAsync("/metrics/lxd");

        Assert.Equal(
            [("alpha", "lxd", "5.0.2"), ("beta", "incus", "6.0.4")],
            list.RootElement.EnumerateArray().Select(c => (c.GetProperty("name").GetString(), c.GetProperty("product").GetString(), c.GetProperty("version").GetString())).OrderBy(c => c.Item1).ToList());
        Assert.Equal("incus", beta.RootElement.GetProperty("status").GetProperty("product").GetString());
        Assert.Contains("lxdscope_cluster_info{cluster=\"alpha\",product=\"lxd\",version=\"5.0.2\"} 1", metrics);
        Assert.Contains("lxdscope_cluster_info{cluster=\"beta\",product=\"incus\",version=\"6.0.4\"} 1", metrics);
        Assert.Contains("incus_procs_total{cluster=\"beta\",member=\"node2\",name=\"c-node2\",project=\"default\",type=\"container\"} 2", lxdMetrics, StringComparison.Ordinal);
        Assert.Contains("lxd_procs_total{cluster=\"alpha\",member=\"node2\",name=\"c-node2\",project=\"default\",type=\"container\"} 1", lxdMetrics, StringComparison.Ordinal);

        // An upgrade replaces the series: one version per cluster, never two.
        var later = at.AddSeconds(10);
        await Responses.AssertOk(await collector.PostAsync(Reports.Gzip(ClusterReports.Report("node1", 2, later, ClusterReports.IncusGlobal(later, "6.0.5"), cluster: TestCollector.OtherCluster) with { AgentId = "incus-node1" }), TestCollector.OtherToken));
        var upgraded = (await collector.Client.GetStringAsync("/metrics")).Split('\n');
        Assert.Single(upgraded, l => l.StartsWith("lxdscope_cluster_info{cluster=\"beta\"", StringComparison.Ordinal));
        Assert.Contains("lxdscope_cluster_info{cluster=\"beta\",product=\"incus\",version=\"6.0.5\"} 1", upgraded);
    }

    [Fact]
    public async Task Each_cluster_has_a_target_of_its_own_that_passes_promtool_and_together_they_are_the_global_scrape()
    {
        await using var collector = await WithHealthyCluster();
        await AddIncusCluster(collector);

        var global = await collector.Client.GetStringAsync("/metrics");
        var alpha = await collector.Client.GetStringAsync("/metrics/clusters/alpha");
        var beta = await collector.Client.GetStringAsync("/metrics/clusters/beta");

        Assert.All(Samples(alpha), l => Assert.Contains("{cluster=\"alpha\"", l, StringComparison.Ordinal));
        Assert.All(Samples(beta), l => Assert.Contains("{cluster=\"beta\"", l, StringComparison.Ordinal));
        Assert.Contains("lxdscope_member_state{cluster=\"beta\",member=\"node2\",state=\"ONLINE\"} 1", Samples(beta));
        Assert.DoesNotContain(Samples(alpha), l => l.StartsWith("lxdscope_ingest_", StringComparison.Ordinal) || l.StartsWith("lxdscope_build_info", StringComparison.Ordinal));
        // Nothing lost, nothing added: the global scrape is the clusters' and the collector's own.
        var own = Samples(global).Where(l => !l.Contains("cluster=", StringComparison.Ordinal));
        Assert.Equal(Samples(global).Order(StringComparer.Ordinal), Samples(alpha).Concat(Samples(beta)).Concat(own).Order(StringComparer.Ordinal));
        Assert.Contains(own, l => l.StartsWith("lxdscope_build_info{", StringComparison.Ordinal));
        foreach (var text in new[] { alpha, beta })
        {
            var (exit, output) = await Promtool(text);
            Assert.True(exit == 0, $"promtool check metrics: {output}");
        }
    }

    [Fact]
    public async Task Without_cluster_series_the_global_scrape_has_only_the_collectors_own()
    {
        await using var collector = await TestCollector.StartAsync(
            b => b.Services.AddSingleton<IReportSink>(sp => sp.GetRequiredService<ClusterRegistry>()),
            extraSettings: """ "Metrics": { "IncludeClusters": false } """);
        await AddIncusCluster(collector);

        var global = Samples(await collector.Client.GetStringAsync("/metrics"));
        var beta = Samples(await collector.Client.GetStringAsync("/metrics/clusters/beta"));

        Assert.DoesNotContain(global, l => l.Contains("cluster=", StringComparison.Ordinal));
        Assert.Contains("lxdscope_ingest_reports_total{result=\"accepted\"} 3", global);
        Assert.Contains("lxdscope_cluster_info{cluster=\"beta\",product=\"incus\",version=\"6.0.4\"} 1", beta);
    }

    [Fact]
    public async Task An_unknown_cluster_is_404_with_a_problem_that_says_where_the_clusters_are_listed()
    {
        await using var collector = await WithHealthyCluster();

        var response = await collector.Client.GetAsync(new Uri("/metrics/clusters/nope", UriKind.Relative));

        var detail = await Responses.AssertProblem(response, HttpStatusCode.NotFound);
        Assert.Contains("/metrics/targets", detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/metrics")]
    [InlineData("/metrics/clusters/alpha")]
    [InlineData("/metrics/lxd")]
    [InlineData("/metrics/targets")]
    public async Task Metrics_are_gzipped_when_the_scraper_asks_and_plain_when_it_does_not(string path)
    {
        await using var collector = await WithHealthyCluster();

        using var plainRequest = new HttpRequestMessage(HttpMethod.Get, path);
        using var plain = await collector.Client.SendAsync(plainRequest);
        using var gzipRequest = new HttpRequestMessage(HttpMethod.Get, path);
        // As Prometheus asks.
        gzipRequest.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));
        using var gzipped = await collector.Client.SendAsync(gzipRequest);
        var compressed = await gzipped.Content.ReadAsByteArrayAsync();
        using var inflated = new MemoryStream();
        await using (var gunzip = new GZipStream(new MemoryStream(compressed), CompressionMode.Decompress))
        {
            await gunzip.CopyToAsync(inflated);
        }

        Assert.Empty(plain.Content.Headers.ContentEncoding);
        Assert.Equal(["gzip"], gzipped.Content.Headers.ContentEncoding);
        var text = await plain.Content.ReadAsStringAsync();
        Assert.NotEmpty(text);
        // The global scrape's counters may move between the two requests; everything else is equal.
        Assert.Equal(Lines(text), Lines(System.Text.Encoding.UTF8.GetString(inflated.ToArray())));

        static List<string> Lines(string t) => t.Split('\n').Where(l => !l.StartsWith("lxdscope_http_", StringComparison.Ordinal)).ToList();
    }

    [Fact]
    public async Task The_api_stays_uncompressed()
    {
        await using var collector = await WithHealthyCluster();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/clusters");
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));

        using var response = await collector.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(response.Content.Headers.ContentEncoding);
    }

    [Fact]
    public async Task Reachability_is_one_state_series_per_pair_with_the_connect_time_only_where_a_connection_was_made()
    {
        await using var collector = await TestCollector.StartAsync(b => b.Services.AddSingleton<IReportSink>(sp => sp.GetRequiredService<ClusterRegistry>()));
        var at = TestCollector.Start;
        await Responses.AssertOk(await collector.PostAsync(Reports.Gzip(
            ClusterReports.Report("node1", 1, at, ClusterReports.HealthyGlobal(at), unreachable: ["node3"], cluster: TestCollector.Cluster))));

        var samples = Samples(await collector.Client.GetStringAsync("/metrics/clusters/alpha"));

        Assert.Equal(
            [
                "lxdscope_reachability_state{cluster=\"alpha\",member=\"node1\",peer=\"node1\"} 3",
                "lxdscope_reachability_state{cluster=\"alpha\",member=\"node1\",peer=\"node2\"} 3",
                "lxdscope_reachability_state{cluster=\"alpha\",member=\"node1\",peer=\"node3\"} 0",
                "lxdscope_reachability_connect_seconds{cluster=\"alpha\",member=\"node1\",peer=\"node1\"} 0.0002",
                "lxdscope_reachability_connect_seconds{cluster=\"alpha\",member=\"node1\",peer=\"node2\"} 0.0002",
            ],
            samples.Where(l => l.StartsWith("lxdscope_reachability_", StringComparison.Ordinal)));
    }

    private static async Task<(int Exit, string Output)> Promtool(string metrics)
    {
        var result = await Processes.RunAsync("promtool", ["check", "metrics"], TimeSpan.FromMinutes(2), stdin: metrics);
        return (result.ExitCode, result.Output);
    }
}
