using LxdScope.Collector.Partition;
using LxdScope.Collector.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace LxdScope.Collector.Metrics;

/// <summary>
/// <c>GET /metrics</c>: LxdScope's own catalogue (promtool-clean): the collector's own series, and
/// every cluster's unless <c>Collector:Metrics:IncludeClusters</c> is false.
/// <c>GET /metrics/clusters/{name}</c>: one cluster's series, the targets <c>/metrics/targets</c>
/// lists. <c>GET /metrics/lxd</c>: LXD's instance metrics from every member, relabelled with
/// cluster and member. They are apart because LXD's names (<c>lxd_memory_MemFree_bytes</c>, a
/// gauge called <c>lxd_procs_total</c>) fail promtool's lint, and renaming them would break LXD's
/// own Grafana dashboard.
/// </summary>
internal static class MetricsApi
{
    private const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    public static IEndpointRouteBuilder MapMetrics(this IEndpointRouteBuilder app)
    {
        app.MapGet("/metrics", async (HttpContext http, MetricsExporter exporter, IOptionsMonitor<CollectorOptions> options) =>
        {
            http.Response.ContentType = ContentType;
            await exporter.WriteAsync(http.Response.BodyWriter, options.CurrentValue.Metrics.IncludeClusters, http.RequestAborted);
        }).ExcludeFromDescription();
        app.MapGet("/metrics/clusters/{name}", async Task<Results<EmptyHttpResult, ProblemHttpResult>> (string name, HttpContext http, MetricsExporter exporter) =>
        {
            if (exporter.Find(name) is not { } cluster)
            {
                return TypedResults.Problem(
                    detail: "No agent has reported for a cluster of that name; /metrics/targets lists the clusters this collector knows.",
                    statusCode: StatusCodes.Status404NotFound,
                    title: "Unknown cluster");
            }

            http.Response.ContentType = ContentType;
            await MetricsExporter.WriteClusterAsync(cluster, http.Response.BodyWriter, http.RequestAborted);
            return TypedResults.Empty;
        }).ForwardToOwner().ExcludeFromDescription();
        app.MapGet("/metrics/lxd", async (HttpContext http, ClusterRegistry registry) =>
        {
            http.Response.ContentType = ContentType;
            await http.Response.WriteAsync(LxdMetricsText.Relabel(registry.LxdMetricsTexts()), http.RequestAborted);
        }).ExcludeFromDescription();
        return app;
    }
}
