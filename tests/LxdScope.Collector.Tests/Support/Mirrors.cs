using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using LxdScope.Contracts;
using Microsoft.Data.Sqlite;

namespace LxdScope.Collector.Tests.Support;

/// <summary>
/// The collector suite's LXD databases (a small cluster: three members, four instances; see
/// <see cref="LxdDatabases"/>) and the SQL console's requests and answers.
/// </summary>
internal static class Mirrors
{
    public const string ConsoleToken = "console-secret-token";

    public static string ConsoleSettings(string extra = "") =>
        $$"""
        "Console": { "Tokens": [ { "Name": "ops", "Sha256": "{{TestCollector.Sha256(ConsoleToken)}}" } ]{{extra}} }
        """;

    /// <summary>The collector tests' cluster: three members, four instances (two in project web); then <paramref name="extra"/>.</summary>
    public static SqliteConnection Global(params string[] extra) =>
        LxdDatabases.Global(
            apiExtensions: 300,
            [new(2026, 3, 1, 11, 59, 58, TimeSpan.Zero), new(2026, 3, 1, 11, 59, 59, TimeSpan.Zero), new(2026, 3, 1, 11, 58, 0, TimeSpan.Zero)],
            [
                """
                INSERT INTO instances (id, node_id, name, architecture, type, description, project_id) VALUES
                    (1, 1, 'c1', 2, 0, '', 1), (2, 2, 'c2', 2, 0, '', 1), (3, 3, 'c3', 2, 0, '', 2), (4, 3, 'v1', 2, 1, '', 2);
                """,
                .. extra,
            ]);

    public static AgentReport Report(string agent, string member, long sequence, DateTimeOffset at, DatabaseContent? local, DatabaseContent? global) =>
        Reports.Valid(agentId: agent, sequence: sequence, at: at) with
        {
            Member = member,
            Content = new DatabaseContentSection(local, global),
        };

    public static async Task<HttpResponseMessage> Query(TestCollector collector, object request, string? token = ConsoleToken)
    {
        var message = new HttpRequestMessage(HttpMethod.Post, "/api/v1/sql")
        {
            Content = new StringContent(request as string ?? Serialize(request), Encoding.UTF8, "application/json"),
        };
        if (token is not null)
        {
            message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await collector.Client.SendAsync(message);
    }

    public static async Task<HttpResponseMessage> Get(TestCollector collector, string path, string? token = ConsoleToken)
    {
        var message = new HttpRequestMessage(HttpMethod.Get, path);
        if (token is not null)
        {
            message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await collector.Client.SendAsync(message);
    }

    public static async Task<JsonElement> Json(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"HTTP {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static async Task<(int Status, string Title, string Detail)> Problem(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        var json = JsonDocument.Parse(text).RootElement;
        return ((int)response.StatusCode, json.GetProperty("title").GetString() ?? "", json.TryGetProperty("detail", out var d) ? d.GetString() ?? "" : "");
    }

    /// <summary>The rows of a JSON result as text cells, for compact assertions.</summary>
    public static List<string> Rows(JsonElement result) =>
        result.GetProperty("rows").EnumerateArray().Select(r => string.Join("|", r.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Null ? "NULL" : v.ToString()))).ToList();

    private static string Serialize(object request)
    {
        // Anonymous objects cannot go through source generation; requests are small dictionaries.
        var dictionary = (Dictionary<string, object?>)request;
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            foreach (var (key, value) in dictionary)
            {
                switch (value)
                {
                    case null: writer.WriteNull(key); break;
                    case DateTimeOffset t: writer.WriteString(key, t); break;
                    default: writer.WriteString(key, value.ToString()); break;
                }
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
