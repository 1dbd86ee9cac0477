using LxdScope.Collector.Clusters;
using LxdScope.Collector.Partition;
using LxdScope.Collector.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace LxdScope.Collector.Fan;

/// <summary><c>GET /api/v1/clusters/{name}/fan</c>: the fan's member×member verdict matrix.</summary>
internal static class FanApi
{
    public static IEndpointRouteBuilder MapFan(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/clusters/{name}/fan", Results<JsonHttpResult<FanMatrix>, NotFound<ProblemDetails>> (string name, ClusterRegistry registry) =>
            registry.Status(name) is { } status
                ? TypedResults.Json(FanMatrix.From(status), ClustersJson.Default.FanMatrix)
                : TypedResults.NotFound(new ProblemDetails { Title = "Unknown cluster", Detail = "No agent has reported for a cluster of that name.", Status = 404 }))
            .ForwardToOwner();
        return app;
    }
}
