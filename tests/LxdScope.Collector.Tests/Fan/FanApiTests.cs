using System.Net;
using System.Text.Json;
using LxdScope.Collector.State;
using LxdScope.Collector.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace LxdScope.Collector.Tests.Fan;

public sealed class FanApiTests
{
    [Fact]
    public async Task The_fan_matrix_has_a_cell_per_member_and_peer_with_its_verdict()
    {
        await using var collector = await TestCollector.StartAsync(b => b.Services.AddSingleton<IReportSink>(sp => sp.GetRequiredService<ClusterRegistry>()));
        var at = TestCollector.Start;
        var global = ClusterReports.HealthyGlobal(at);
        var node1 = ClusterReports.Report("node1", 1, at, global, cluster: TestCollector.Cluster) with
        {
            Fan = FanSections.Section(FanSections.Peer("node2", "192.168.0.2", "healthy"), FanSections.Peer("node3", "192.168.0.3", "arp-unanswered", 0, 0)),
        };
        await Responses.AssertOk(await collector.PostAsync(Reports.Gzip(node1)));
        await Responses.AssertOk(await collector.PostAsync(Reports.Gzip(ClusterReports.Report("node2", 1, at, global, cluster: TestCollector.Cluster))));

        using var doc = JsonDocument.Parse(await collector.Client.GetStringAsync($"/api/v1/clusters/{TestCollector.Cluster}/fan"));
        var root = doc.RootElement;

        Assert.Equal(["node1", "node2", "node3"], root.GetProperty("members").EnumerateArray().Select(m => m.GetString()));
        var cells = root.GetProperty("cells").EnumerateArray().ToList();
        Assert.Equal(2, cells.Count);
        var broken = cells.Single(c => c.GetProperty("to").GetString() == "node3");
        Assert.Equal("node1", broken.GetProperty("from").GetString());
        Assert.Equal("arp-unanswered", broken.GetProperty("peer").GetProperty("verdict").GetString());
        Assert.Equal(3, broken.GetProperty("peer").GetProperty("arp_unanswered").GetInt64());
        Assert.Equal("eth0", root.GetProperty("captures")[0].GetProperty("interface").GetString());

        var metrics = await collector.Client.GetStringAsync("/metrics");
        Assert.Contains("lxdscope_fan_verdict{cluster=\"alpha\",member=\"node1\",peer=\"node3\",verdict=\"arp-unanswered\"} 1", metrics, StringComparison.Ordinal);
        Assert.Contains("lxdscope_fan_healthy{cluster=\"alpha\",member=\"node1\",peer=\"node2\"} 1", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_cell_carries_the_pairs_findings_headline_first_and_an_older_agents_none()
    {
        await using var collector = await TestCollector.StartAsync(b => b.Services.AddSingleton<IReportSink>(sp => sp.GetRequiredService<ClusterRegistry>()));
        var at = TestCollector.Start;
        var global = ClusterReports.HealthyGlobal(at);
        var degraded = FanSections.Peer("node2", "192.168.0.2", "partial-loss", 21, 9) with
        {
            Findings = [new("partial-loss", ["192.168.0.1 > 192.168.0.2: 9 of 30 echo requests lost"]), new("duplicate-replies", ["4 echo requests answered twice"])],
        };
        var node1 = ClusterReports.Report("node1", 1, at, global, cluster: TestCollector.Cluster) with { Fan = FanSections.Section(degraded) };
        var node2 = ClusterReports.Report("node2", 1, at, global, cluster: TestCollector.Cluster) with { Fan = FanSections.Section(FanSections.Peer("node1", "192.168.0.1", "healthy")) };
        await Responses.AssertOk(await collector.PostAsync(Reports.Gzip(node1)));
        await Responses.AssertOk(await collector.PostAsync(Reports.Gzip(node2)));

        using var doc = JsonDocument.Parse(await collector.Client.GetStringAsync($"/api/v1/clusters/{TestCollector.Cluster}/fan"));
        var cells = doc.RootElement.GetProperty("cells").EnumerateArray().ToDictionary(c => c.GetProperty("from").GetString()!, c => c.GetProperty("peer"));

        var findings = cells["node1"].GetProperty("findings").EnumerateArray().ToList();
        Assert.Equal(["partial-loss", "duplicate-replies"], findings.Select(f => f.GetProperty("verdict").GetString()));
        Assert.Equal("4 echo requests answered twice", findings[1].GetProperty("evidence")[0].GetString());
        Assert.Equal(JsonValueKind.Null, cells["node2"].GetProperty("findings").ValueKind);
    }

    [Fact]
    public async Task An_unknown_cluster_is_404()
    {
        await using var collector = await TestCollector.StartAsync();

        var response = await collector.Client.GetAsync("/api/v1/clusters/nope/fan");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
