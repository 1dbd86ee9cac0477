using LxdScope.Collector.Storage;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace LxdScope.Collector.Health;

/// <summary>Liveness and readiness for service managers and load balancers.</summary>
internal static class HealthApi
{
    /// <summary>Maps <c>GET /healthz</c> (the process serves) and <c>GET /readyz</c> (the store answers).</summary>
    public static RouteGroupBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        // Open to all, viewers or not: service managers and load balancers carry no token.
        var group = app.MapGroup("").WithTags("Health").AllowAnonymous();
        group.MapGet("/healthz", Live);
        group.MapGet("/readyz", Ready);
        return group;
    }

    private static ContentHttpResult Live() => TypedResults.Text("ok");

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> Ready([FromServices] ICollectorStore store, HttpContext http) =>
        await store.IsReadyAsync(http.RequestAborted)
            ? TypedResults.Text("ready")
            : TypedResults.Problem(
                detail: "The collector's database does not answer, or its last write failed (disk full, read-only, …): reports cannot be stored until a write succeeds. The collector's log says why.",
                statusCode: StatusCodes.Status503ServiceUnavailable);
}
