using LxdScope.Contracts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace LxdScope.Collector.Ingest;

/// <summary>Agents push their reports here.</summary>
internal static class IngestApi
{
    /// <summary>Maps <c>POST /api/v1/reports</c>: a gzip'd <see cref="AgentReport"/> with the agent's bearer token.</summary>
    public static RouteGroupBuilder MapIngest(this IEndpointRouteBuilder app)
    {
        // Agents' own credentials (token or certificate) are checked by ReportIngest, not by the readers' policy.
        var group = app.MapGroup("/api/v1").WithTags("Ingest").AllowAnonymous();
        group.MapPost("/reports", PostReport);
        return group;
    }

    private static Task<Results<JsonHttpResult<IngestResponse>, ProblemHttpResult>> PostReport(
        HttpContext context,
        [FromServices] ReportIngest ingest) => ingest.HandleAsync(context);
}
