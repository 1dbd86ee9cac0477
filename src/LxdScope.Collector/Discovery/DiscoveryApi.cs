using LxdScope.Collector.Partition;
using LxdScope.Collector.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace LxdScope.Collector.Discovery;

/// <summary>
/// <c>GET /metrics/targets</c>: Prometheus's HTTP service discovery, one target per cluster, so
/// that a fleet's series are scraped cluster by cluster, spread over the interval and, with
/// <c>hashmod</c>, over several Prometheus servers (docs/scaling.md). Each target is this
/// collector at the address the discovery request used (its Host header): Prometheus reached the
/// collector there, so the same name, port and certificate serve the scrapes, and with several
/// collectors each one's discovery names itself. The scheme is left to the job's <c>scheme</c>,
/// which knows whether a proxy ends TLS in front of the collector.
/// </summary>
internal static class DiscoveryApi
{
    public static IEndpointRouteBuilder MapDiscovery(this IEndpointRouteBuilder app)
    {
        app.MapGet("/metrics/targets", Results<JsonHttpResult<List<ScrapeTargetGroup>>, ProblemHttpResult> (HttpContext http, ClusterRegistry registry) =>
        {
            var host = http.Request.Host;
            if (!host.HasValue)
            {
                return TypedResults.Problem(
                    detail: "The scrape targets are this collector at the address the request names in its Host header, and this request named none.",
                    statusCode: StatusCodes.Status400BadRequest,
                    title: "No Host header");
            }

            // Partitioned, a cluster another collector holds is scraped there, at its advertised address.
            var ownership = http.RequestServices.GetRequiredService<ClusterOwnership>();
            var groups = registry.Statuses().Select(s => ScrapeTargetGroup.For(host.Value, s.Name))
                .Concat(ownership.Others().Select(l => ScrapeTargetGroup.For(new Uri(l.Owner).Authority, l.Cluster)))
                .OrderBy(g => g.Labels["cluster"], StringComparer.Ordinal)
                .ToList();
            return TypedResults.Json(groups, DiscoveryJson.Default.ListScrapeTargetGroup);
        }).ExcludeFromDescription();
        return app;
    }
}
