using System.Globalization;
using LxdScope.Collector.Auth;
using LxdScope.Collector.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace LxdScope.Collector.Audit;

/// <summary>
/// <c>GET /api/v1/audit</c>: the console's audit record, newest first, for console users marked
/// admin (401 without a token, 403 with any other). Served by every collector from the shared
/// store, so on PostgreSQL each shows the records of all.
/// </summary>
internal static class AuditApi
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 10_000;

    public static IEndpointRouteBuilder MapAudit(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/audit", async Task<Results<JsonHttpResult<List<ConsoleAuditRecord>>, ProblemHttpResult>> (string? since, int? limit, ICollectorStore store, HttpContext http) =>
        {
            DateTimeOffset? from = null;
            if (since is not null)
            {
                if (!DateTimeOffset.TryParse(since, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
                {
                    return TypedResults.Problem(title: "Bad 'since'", detail: "'since' must be a date and time, such as 2026-03-01T12:00:00Z.", statusCode: StatusCodes.Status400BadRequest);
                }

                from = parsed;
            }

            if (limit is < 1 or > MaxLimit)
            {
                return TypedResults.Problem(title: "Bad 'limit'", detail: $"'limit' must be between 1 and {MaxLimit} (default {DefaultLimit}).", statusCode: StatusCodes.Status400BadRequest);
            }

            return TypedResults.Json((await store.ConsoleQueriesAsync(from, limit ?? DefaultLimit, http.RequestAborted)).ToList(), AuditJson.Default.ListConsoleAuditRecord);
        }).RequireAuthorization(ReaderAuthorization.AdminPolicy);
        return app;
    }
}
