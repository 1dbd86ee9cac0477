using System.Net;
using System.Text.Json;
using LxdScope.Collector.Discovery;
using LxdScope.Collector.State;
using LxdScope.Collector.Tests.Support;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace LxdScope.Collector.Tests.Discovery;

/// <summary>GET /metrics/targets in the format of Prometheus's http_sd_configs, and every target it lists answering.</summary>
public sealed class DiscoveryApiTests
{
    private static async Task<TestCollector> WithClusters(params string[] names)
    {
        var collector = await TestCollector.StartAsync(b => b.Services.AddSingleton<IReportSink>(sp => sp.GetRequiredService<ClusterRegistry>()));
        var registry = collector.Service<ClusterRegistry>();
        var at = TestCollector.Start;
        // Straight into the state: names that no token is configured for, as a fleet would have.
        foreach (var name in names)
        {
            registry.Apply(ClusterReports.Report("node1", 1, at, ClusterReports.HealthyGlobal(at), cluster: name), at);
        }

        return collector;
    }

    [Fact]
    public async Task Each_cluster_is_one_target_at_the_address_prometheus_used_with_its_own_path_and_cluster_label()
    {
        await using var collector = await WithClusters("alpha", "eu west é");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics/targets");
        request.Headers.Host = "collector.example:9470";

        using var response = await collector.Client.SendAsync(request);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(
            [
                ("collector.example:9470", "/metrics/clusters/alpha", "alpha", 2),
                ("collector.example:9470", "/metrics/clusters/eu%20west%20%C3%A9", "eu west é", 2),
            ],
            body.RootElement.EnumerateArray().Select(g => (
                Assert.Single(g.GetProperty("targets").EnumerateArray()).GetString(),
                g.GetProperty("labels").GetProperty("__metrics_path__").GetString(),
                g.GetProperty("labels").GetProperty("cluster").GetString(),
                g.GetProperty("labels").EnumerateObject().Count())));
    }

    [Fact]
    public async Task Every_listed_path_serves_its_clusters_series()
    {
        await using var collector = await WithClusters("alpha", "eu west é", "b\"q");

        using var body = JsonDocument.Parse(await collector.Client.GetStringAsync("/metrics/targets"));

        Assert.Equal(3, body.RootElement.GetArrayLength());
        foreach (var group in body.RootElement.EnumerateArray())
        {
            var labels = group.GetProperty("labels");
            var cluster = labels.GetProperty("cluster").GetString()!;
            var text = await collector.Client.GetStringAsync(labels.GetProperty("__metrics_path__").GetString());
            var escaped = cluster.Replace("\"", "\\\"", StringComparison.Ordinal);
            Assert.Contains($"lxdscope_member_state{{cluster=\"{escaped}\",member=\"node1\",state=\"ONLINE\"}} 1", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task No_clusters_is_an_empty_list()
    {
        await using var collector = await WithClusters();

        Assert.Equal("[]", await collector.Client.GetStringAsync("/metrics/targets"));
    }

    [Fact]
    public async Task A_request_without_a_host_is_refused_with_the_reason()
    {
        await using var collector = await WithClusters("alpha");

        // HTTP/1.0 may leave the Host header out; the targets would have no address.
        var context = await collector.App.GetTestServer().SendAsync(c =>
        {
            c.Request.Method = "GET";
            c.Request.Path = "/metrics/targets";
            c.Request.Host = default;
        });
        using var problem = await JsonDocument.ParseAsync(context.Response.Body);

        Assert.Equal(400, context.Response.StatusCode);
        Assert.Contains("Host header", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_cluster_name_is_escaped_once_into_its_path()
    {
        var group = ScrapeTargetGroup.For("127.0.0.1:9470", "a/b%c");

        Assert.Equal(["127.0.0.1:9470"], group.Targets);
        Assert.Equal("/metrics/clusters/a%2Fb%25c", group.Labels["__metrics_path__"]);
        Assert.Equal("a/b%c", group.Labels["cluster"]);
    }
}
