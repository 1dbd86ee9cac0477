using LxdScope.Collector.Ingest;
using LxdScope.Collector.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace LxdScope.Collector.Metrics;

/// <summary><c>GET /metrics</c>: LxdScope's catalogue, then LXD's own instance metrics relabelled.</summary>
public static class MetricsApi
{
    public static IEndpointRouteBuilder MapMetrics(this IEndpointRouteBuilder app)
    {
        app.MapGet("/metrics", async (HttpContext http, MetricsExporter exporter, ClusterRegistry registry, IngestCounters ingest) =>
        {
            exporter.UpdateIngest(ingest);
            http.Response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
            await exporter.Registry.CollectAndExportAsTextAsync(http.Response.Body, http.RequestAborted);
            var lxd = LxdMetricsText.Relabel(registry.LxdMetricsTexts());
            await http.Response.WriteAsync(lxd, http.RequestAborted);
        }).ExcludeFromDescription();
        return app;
    }
}
