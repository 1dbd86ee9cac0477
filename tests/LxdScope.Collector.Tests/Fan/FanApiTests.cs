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
    public async Task An_unknown_cluster_is_404()
    {
        await using var collector = await TestCollector.StartAsync();

        var response = await collector.Client.GetAsync("/api/v1/clusters/nope/fan");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
