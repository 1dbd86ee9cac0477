using LxdScope.Collector.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace LxdScope.Collector.Metrics;

/// <summary>
/// <c>GET /metrics</c>: LxdScope's own catalogue (promtool-clean). <c>GET /metrics/lxd</c>: LXD's
/// instance metrics from every member, relabelled with cluster and member. They are apart because
/// LXD's names (<c>lxd_memory_MemFree_bytes</c>, a gauge called <c>lxd_procs_total</c>) fail
/// promtool's lint, and renaming them would break LXD's own Grafana dashboard.
/// </summary>
public static class MetricsApi
{
    private const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    public static IEndpointRouteBuilder MapMetrics(this IEndpointRouteBuilder app)
    {
        app.MapGet("/metrics", async (HttpContext http, MetricsExporter exporter) =>
        {
            http.Response.ContentType = ContentType;
            await exporter.Registry.CollectAndExportAsTextAsync(http.Response.Body, http.RequestAborted);
        }).ExcludeFromDescription();
        app.MapGet("/metrics/lxd", async (HttpContext http, ClusterRegistry registry) =>
        {
            http.Response.ContentType = ContentType;
            await http.Response.WriteAsync(LxdMetricsText.Relabel(registry.LxdMetricsTexts()), http.RequestAborted);
        }).ExcludeFromDescription();
        return app;
    }
}
