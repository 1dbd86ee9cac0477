using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using LxdScope.Collector.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;

namespace LxdScope.Collector.Sql;

/// <summary>
/// <c>/api/v1/sql</c>: the console over the mirrored LXD databases — query (JSON or CSV, one
/// member, every member, or as of a past moment), schema, versions, canned queries and diff.
/// Every route needs a console token.
/// </summary>
public static class SqlApi
{
    public static IEndpointRouteBuilder MapSql(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/sql").AddEndpointFilter(RequireConsoleToken);
        group.MapPost("/", PostQueryAsync);
        group.MapGet("/schema", (string cluster, string database, string? member, SqlConsole console) =>
            Answer(() => Results.Json(console.Schema(cluster, database, member), SqlJson.Default.SchemaResult)));
        group.MapGet("/versions", (string cluster, string database, string? member, SqlConsole console) =>
            Answer(() => Results.Json(console.Versions(cluster, database, member).ToList(), SqlJson.Default.ListMirrorVersion)));
        group.MapGet("/canned", (string cluster, SqlConsole console) =>
            Answer(() => Results.Json(console.Canned(cluster).ToList(), SqlJson.Default.ListCannedQuery)));
        group.MapPost("/diff", PostDiffAsync);
        return app;
    }

    private static Task<IResult> PostQueryAsync(HttpRequest http, SqlConsole console) => AnswerAsync(async () =>
    {
        var request = await ReadAsync(http, SqlJson.Default.SqlQueryRequest) ?? throw BadBody;
        var result = await OffThePool(() => console.Query(request));
        return string.Equals(request.Format, "csv", StringComparison.OrdinalIgnoreCase)
            ? Results.Text(Csv(result), "text/csv; charset=utf-8")
            : Results.Json(result, SqlJson.Default.SqlQueryResult);
    });

    private static Task<IResult> PostDiffAsync(HttpRequest http, SqlConsole console) => AnswerAsync(async () =>
    {
        var request = await ReadAsync(http, SqlJson.Default.DiffRequest) ?? throw BadBody;
        return Results.Json(await OffThePool(() => console.Diff(request)), SqlJson.Default.DiffResult);
    });

    /// <summary>
    /// SQLite blocks its thread for the whole query. On a thread of its own (at most
    /// MaxConcurrentQueries of them run), a spinning query cannot starve the thread pool that
    /// serves ingest, health and metrics.
    /// </summary>
    private static Task<T> OffThePool<T>(Func<T> work) =>
        Task.Factory.StartNew(work, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private static async ValueTask<object?> RequireConsoleToken(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var tokens = context.HttpContext.RequestServices.GetService(typeof(ConsoleTokens)) as ConsoleTokens;
        if (tokens is null || !tokens.Enabled)
        {
            return Problem(StatusCodes.Status403Forbidden, "Console off", "The SQL console is off: no console tokens are configured (Collector:Console:Tokens).");
        }

        if (tokens.UserForHeader(context.HttpContext.Request.Headers.Authorization) is null)
        {
            context.HttpContext.Response.Headers.WWWAuthenticate = "Bearer";
            return Problem(StatusCodes.Status401Unauthorized, "Console token needed", "Send 'Authorization: Bearer <console token>'. Agent tokens do not open the console.");
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

    private static IResult Answer(Func<IResult> work)
    {
        try
        {
            return work();
        }
        catch (ConsoleProblemException e)
        {
            return Problem(e.Status, e.Title, e.Message);
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
