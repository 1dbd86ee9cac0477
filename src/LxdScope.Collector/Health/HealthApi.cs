using LxdScope.Collector.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace LxdScope.Collector.Health;

/// <summary>Liveness and readiness for service managers and load balancers.</summary>
public static class HealthApi
{
    /// <summary>Maps <c>GET /healthz</c> (the process serves) and <c>GET /readyz</c> (the store answers).</summary>
    public static RouteGroupBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("").WithTags("Health");
        group.MapGet("/healthz", Live);
        group.MapGet("/readyz", Ready);
        return group;
    }

    private static ContentHttpResult Live() => TypedResults.Text("ok");

    private static Results<ContentHttpResult, ProblemHttpResult> Ready([FromServices] ICollectorStore store) =>
        store.IsReady()
            ? TypedResults.Text("ready")
            : TypedResults.Problem(
                detail: "The collector's database does not answer, or its last write failed (disk full, read-only, …): reports cannot be stored until a write succeeds. The collector's log says why.",
                statusCode: StatusCodes.Status503ServiceUnavailable);
}
