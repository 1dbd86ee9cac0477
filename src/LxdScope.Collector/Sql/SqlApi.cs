using System.Globalization;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using LxdScope.Collector.Audit;
using LxdScope.Collector.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;

namespace LxdScope.Collector.Sql;

/// <summary>
/// <c>/api/v1/sql</c>: the console over the mirrored LXD databases — query (JSON or CSV, one
/// member, every member, or as of a past moment), schema, versions, canned queries and diff.
/// Every route needs a console token; queries and diffs leave an audit record (<see cref="ConsoleAudit"/>).
/// </summary>
internal static class SqlApi
{
    public static IEndpointRouteBuilder MapSql(this IEndpointRouteBuilder app)
    {
        // Readers' authentication first (ReadPolicy, as every route's): the filter then needs a console user among them.
        var group = app.MapGroup("/api/v1/sql").RequireAuthorization(ReaderAuthorization.ReadPolicy).AddEndpointFilter(RequireConsoleToken);
        group.MapPost("/", PostQueryAsync);
        group.MapGet("/schema", (string cluster, string database, string? member, SqlConsole console, HttpContext http) =>
            AnswerAsync(async () => Results.Json(await console.SchemaAsync(cluster, database, member, http.RequestAborted), SqlJson.Default.SchemaResult)));
        group.MapGet("/versions", (string cluster, string database, string? member, SqlConsole console, HttpContext http) =>
            AnswerAsync(async () => Results.Json((await console.VersionsAsync(cluster, database, member, http.RequestAborted)).ToList(), SqlJson.Default.ListMirrorVersion)));
        group.MapGet("/canned", (string cluster, SqlConsole console, HttpContext http) =>
            AnswerAsync(async () => Results.Json((await console.CannedAsync(cluster, http.RequestAborted)).ToList(), SqlJson.Default.ListCannedQuery)));
        group.MapPost("/diff", PostDiffAsync);
        return app;
    }

    private static Task<IResult> PostQueryAsync(HttpRequest http, ClaimsPrincipal user, SqlConsole console, ConsoleAudit audit) => AnswerAsync(async () =>
    {
        var request = await ReadAsync(http, SqlJson.Default.SqlQueryRequest);
        var record = Record(user, ConsoleRequestKind.Query, request?.Cluster, request?.Database, request?.Member, request?.Query, request?.AsOf);
        var result = await audit.RunAsync(record, async () =>
        {
            var answer = await console.QueryAsync(request ?? throw BadBody, http.HttpContext.RequestAborted);
            return (answer, answer.RowCount);
        });
        return string.Equals(request?.Format, "csv", StringComparison.OrdinalIgnoreCase)
            ? Results.Text(Csv(result), "text/csv; charset=utf-8")
            : Results.Stream(body => SqlResultWriter.WriteAsync(body, result, http.HttpContext.RequestAborted), "application/json; charset=utf-8");
    });

    private static Task<IResult> PostDiffAsync(HttpRequest http, ClaimsPrincipal user, SqlConsole console, ConsoleAudit audit) => AnswerAsync(async () =>
    {
        var request = await ReadAsync(http, SqlJson.Default.DiffRequest);
        var range = request is null ? null : $"from {request.From:O} to {request.To:O}";
        var record = Record(user, ConsoleRequestKind.Diff, request?.Cluster, request?.Database, request?.Member, range, null);
        var diff = await audit.RunAsync(record, async () =>
        {
            var answer = await console.DiffAsync(request ?? throw BadBody, http.HttpContext.RequestAborted);
            return (answer, answer.Tables.Sum(t => t.Added.Count + t.Removed.Count + t.Changed.Count));
        });
        return Results.Json(diff, SqlJson.Default.DiffResult);
    });

    /// <summary>The audit record's who and what; <see cref="ConsoleAudit"/> adds when and how it ended.</summary>
    private static ConsoleAuditRecord Record(ClaimsPrincipal user, ConsoleRequestKind kind, string? cluster, string? database, string? member, string? query, DateTimeOffset? asOf) =>
        new(default, user.Identity?.Name ?? "", kind, cluster ?? "", database ?? "", member, query, asOf, null, ConsoleOutcome.Refused, null);

    private static async ValueTask<object?> RequireConsoleToken(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var readers = context.HttpContext.RequestServices.GetService(typeof(Readers)) as Readers;
        if (readers is null || !readers.ConsoleEnabled)
        {
            return Problem(StatusCodes.Status403Forbidden, "Console off", "The SQL console is off: no console tokens are configured (Collector:Console:Tokens).");
        }

        if (!context.HttpContext.User.IsInRole(ReaderAuthorization.ConsoleRole))
        {
            context.HttpContext.Response.Headers.WWWAuthenticate = "Bearer";
            return Problem(StatusCodes.Status401Unauthorized, "Console token needed", "Send 'Authorization: Bearer <console token>'. Viewer and agent tokens do not open the console.");
        }

        return await next(context);
    }

    private static ConsoleProblemException BadBody => new(400, "Bad request body", "Send a JSON object as documented for this endpoint.");

    /// <summary>A query is text of at most 1 MiB (Collector:Console:MaxQueryLength's ceiling) plus a few fields.</summary>
    private const long MaxBodyBytes = 2 * 1024 * 1024;

    /// <summary>The body as <typeparamref name="T"/>, or null when it is not valid JSON of that shape.</summary>
    private static async Task<T?> ReadAsync<T>(HttpRequest request, JsonTypeInfo<T> type)
        where T : class
    {
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = MaxBodyBytes;
        }

        try
        {
            return await JsonSerializer.DeserializeAsync(request.Body, type, request.HttpContext.RequestAborted);
        }
        catch (JsonException)
        {
            return null;
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw new ConsoleProblemException(413, "Request too large", $"A console request may have at most {MaxBodyBytes} bytes.");
        }
    }

    private static async Task<IResult> AnswerAsync(Func<Task<IResult>> work)
    {
        try
        {
            return await work();
        }
        catch (ConsoleProblemException e)
        {
            return Problem(e.Status, e.Title, e.Message);
        }
    }

    private static IResult Problem(int status, string title, string detail) =>
        Results.Problem(detail: detail, statusCode: status, title: title);

    /// <summary>RFC 4180: every field quoted when it needs to be, CRLF line ends, a header row.</summary>
    internal static string Csv(SqlQueryResult result)
    {
        var text = new StringBuilder();
        text.AppendJoin(',', result.Columns.Select(Field)).Append("\r\n");
        foreach (var row in result.Rows)
        {
            text.AppendJoin(',', row.Select(v => Field(v switch
            {
                null => "",
                byte[] b => Convert.ToBase64String(b),
                double d => d.ToString("R", CultureInfo.InvariantCulture),
                IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                _ => v.ToString() ?? "",
            }))).Append("\r\n");
        }

        return text.ToString();
    }

    private static string Field(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
