using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using LxdScope.Lxd.Api;
using LxdScope.Lxd.Content;
using LxdScope.Lxd.Sql;

namespace LxdScope.Cli.Commands;

/// <summary>
/// <c>lxdscope sql --collector URL --cluster NAME</c>: the same query, answered from the
/// collector's mirrors (any host, any time in the kept history, also while the cluster has lost
/// its quorum), printed the same way as <c>lxd sql</c>. Facts about the snapshot go to stderr.
/// </summary>
internal static class SqlRemote
{
    public const string TokenVariable = "LXDSCOPE_CONSOLE_TOKEN";

    /// <exception cref="QueryFailedException">The collector refused or failed the query; the message says why.</exception>
    public static async Task<string> RunAsync(Uri collector, string cluster, string database, string? member, DateTimeOffset? asOf, string token, string text, TimeSpan timeout, CancellationToken ct)
    {
        using var http = new HttpClient { BaseAddress = collector, Timeout = timeout };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (text is ".schema" or ".tables")
        {
            var path = $"api/v1/sql/schema?cluster={Uri.EscapeDataString(cluster)}&database={database}"
                + (member is null ? "" : $"&member={Uri.EscapeDataString(member)}");
            var schema = await SendAsync(http, new HttpRequestMessage(HttpMethod.Get, path), ct);
            var tables = schema.GetProperty("tables").EnumerateArray().ToList();
            return text == ".tables"
                ? LxdSqlTable.Render(new SqlResult(["name"], tables.Select(t => (IReadOnlyList<object?>)[t.GetProperty("name").GetString()]).ToList()))
                : SchemaDump.Render(tables.Select(t => t.GetProperty("sql").GetString()!).Concat(schema.GetProperty("other").EnumerateArray().Select(o => o.GetString()!)));
        }

        using var body = new MemoryStream();
        using (var writer = new Utf8JsonWriter(body))
        {
            writer.WriteStartObject();
            writer.WriteString("cluster", cluster);
            writer.WriteString("database", database);
            if (member is not null)
            {
                writer.WriteString("member", member);
            }

            writer.WriteString("query", text);
            if (asOf is { } at)
            {
                writer.WriteString("as_of", at);
            }

            writer.WriteEndObject();
        }

        var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/sql") { Content = new ByteArrayContent(body.ToArray()) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var result = await SendAsync(http, request, ct);
        var snapshot = result.GetProperty("snapshot");
        if (snapshot.TryGetProperty("note", out var note) && note.ValueKind == JsonValueKind.String)
        {
            await Console.Error.WriteLineAsync($"lxdscope: {note.GetString()}");
        }

        if (asOf is not null || snapshot.GetProperty("stale").GetBoolean())
        {
            await Console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"lxdscope: content as of {snapshot.GetProperty("at").GetDateTimeOffset():yyyy-MM-ddTHH:mm:ssZ} ({snapshot.GetProperty("age_seconds").GetDouble():0} s ago), unchanged since {snapshot.GetProperty("changed_at").GetDateTimeOffset():yyyy-MM-ddTHH:mm:ssZ}"));
        }

        if (result.GetProperty("truncated").GetBoolean())
        {
            await Console.Error.WriteLineAsync($"lxdscope: output cut at {result.GetProperty("row_count").GetInt32()} rows by the collector's limits");
        }

        var columns = result.GetProperty("columns").EnumerateArray().Select(c => c.GetString() ?? "").ToList();
        var rows = result.GetProperty("rows").EnumerateArray()
            .Select(r => (IReadOnlyList<object?>)r.EnumerateArray().Select(SqlValueJson.Read).ToList())
            .ToList();
        return LxdSqlTable.Render(new SqlResult(columns, rows));
    }

    private static async Task<JsonElement> SendAsync(HttpClient http, HttpRequestMessage request, CancellationToken ct)
    {
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, ct);
        }
        catch (HttpRequestException e)
        {
            throw new QueryFailedException($"the collector at {http.BaseAddress} cannot be reached: {e.Message}");
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new QueryFailedException($"the collector at {http.BaseAddress} did not answer within {http.Timeout.TotalSeconds:0.#} s");
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(ct);
            JsonElement json;
            try
            {
                json = JsonDocument.Parse(text).RootElement.Clone();
            }
            catch (JsonException)
            {
                throw new QueryFailedException($"the collector answered HTTP {(int)response.StatusCode} without JSON");
            }

            if (!response.IsSuccessStatusCode)
            {
                var title = json.TryGetProperty("title", out var t) ? t.GetString() : null;
                var detail = json.TryGetProperty("detail", out var d) ? d.GetString() : null;
                throw new QueryFailedException($"{title ?? $"HTTP {(int)response.StatusCode}"}: {detail}");
            }

            return json;
        }
    }
}
