using LxdScope.Collector.State;
using LxdScope.Collector.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace LxdScope.Collector.Clusters;

/// <summary><c>/api/v1/clusters</c>: every cluster's merged status, and one cluster with its events.</summary>
public static class ClustersApi
{
    public static IEndpointRouteBuilder MapClusters(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/clusters");
        group.MapGet("/", (ClusterRegistry registry) =>
            TypedResults.Json(registry.Statuses().Select(ClusterSummary.From).ToList(), ClustersJson.Default.ListClusterSummary));
        group.MapGet("/{name}", Results<JsonHttpResult<ClusterDetail>, NotFound<ProblemDetails>> (string name, ClusterRegistry registry, ICollectorStore store) =>
        {
            if (registry.Status(name) is not { } status)
            {
                return TypedResults.NotFound(new ProblemDetails { Title = "Unknown cluster", Detail = "No agent has reported for a cluster of that name.", Status = 404 });
            }

            return TypedResults.Json(new ClusterDetail(status, store.Events(name, 200)), ClustersJson.Default.ClusterDetail);
        });
        return app;
    }
}
