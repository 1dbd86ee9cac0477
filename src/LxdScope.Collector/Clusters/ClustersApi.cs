using LxdScope.Collector.Partition;
using LxdScope.Collector.State;
using LxdScope.Collector.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace LxdScope.Collector.Clusters;

/// <summary><c>/api/v1/clusters</c>: every cluster's merged status, and one cluster with its events.</summary>
internal static class ClustersApi
{
    public static IEndpointRouteBuilder MapClusters(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/clusters");
        // Partitioned, the clusters other collectors hold are listed as their owners last summarized them.
        group.MapGet("/", (ClusterRegistry registry, HttpContext http) => List(registry, http.RequestServices.GetRequiredService<ClusterOwnership>()));
        group.MapGet("/{name}", async Task<Results<JsonHttpResult<ClusterDetail>, NotFound<ProblemDetails>>> (string name, ClusterRegistry registry, ICollectorStore store, HttpContext http) =>
        {
            if (registry.Status(name) is not { } status)
            {
                return TypedResults.NotFound(new ProblemDetails { Title = "Unknown cluster", Detail = "No agent has reported for a cluster of that name.", Status = 404 });
            }

            return TypedResults.Json(new ClusterDetail(status, await store.EventsAsync(name, 200, http.RequestAborted)), ClustersJson.Default.ClusterDetail);
        }).ForwardToOwner();
        return app;
    }

    private static JsonHttpResult<List<ClusterSummary>> List(ClusterRegistry registry, ClusterOwnership ownership) =>
        TypedResults.Json(
            registry.Statuses().Select(ClusterSummary.From)
                .Concat(ownership.Others().Select(l => ownership.Summary(l.Cluster)).OfType<ClusterSummary>())
                .OrderBy(c => c.Name, StringComparer.Ordinal)
                .ToList(),
            ClustersJson.Default.ListClusterSummary);
}
