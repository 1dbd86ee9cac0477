using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using LxdScope.Agent.Sources;
using LxdScope.Contracts;
using LxdScope.Lxd.Content;
using Microsoft.Data.Sqlite;

namespace LxdScope.Collector.Tests.Support;

/// <summary>
/// LXD databases built from LXD's real DDL with a small cluster in them (three members, four
/// instances), turned into report content by the agent's own encoding.
/// </summary>
internal static class Mirrors
{
    public const string ConsoleToken = "console-secret-token";

    public static string ConsoleSettings(string extra = "") =>
        $$"""
        "Console": { "Tokens": [ { "Name": "ops", "Sha256": "{{TestCollector.Sha256(ConsoleToken)}}" } ]{{extra}} }
        """;

    public static SqliteConnection Global(params string[] extra)
    {
        var connection = Database("Schemas/global-60.sql");
        Execute(connection, """
            INSERT INTO schema (version, updated_at) VALUES (60, 1650000000);
            INSERT INTO config (key, value) VALUES ('cluster.offline_threshold', '20');
            INSERT INTO projects (id, name, description) VALUES (1, 'default', ''), (2, 'web', '');
            INSERT INTO nodes (id, name, description, address, schema, api_extensions, heartbeat, state, arch) VALUES
                (1, 'node1', '', '127.0.0.1:8443', 60, 300, '2026-03-01 11:59:58.000000000+00:00', 0, 2),
                (2, 'node2', '', '127.0.0.2:8443', 60, 300, '2026-03-01 11:59:59.000000000+00:00', 0, 2),
                (3, 'node3', '', '127.0.0.3:8443', 60, 300, '2026-03-01 11:58:00.000000000+00:00', 0, 2);
            INSERT INTO instances (id, node_id, name, architecture, type, description, project_id) VALUES
                (1, 1, 'c1', 2, 0, '', 1), (2, 2, 'c2', 2, 0, '', 1), (3, 3, 'c3', 2, 0, '', 2), (4, 3, 'v1', 2, 1, '', 2);
            """);
        foreach (var statement in extra)
        {
            Execute(connection, statement);
        }

        return connection;
    }

    public static SqliteConnection Local(string address, params string[] raftAddresses)
    {
        var connection = Database("Schemas/local-42.sql");
        Execute(connection, $"INSERT INTO config (key, value) VALUES ('cluster.https_address', '{address}')");
        for (var i = 0; i < raftAddresses.Length; i++)
        {
            Execute(connection, $"INSERT INTO raft_nodes (id, address, role, name) VALUES ({i + 1}, '{raftAddresses[i]}', {(i < 3 ? 0 : 1)}, 'node{i + 1}')");
        }

        return connection;
    }

    public static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public static DatabaseContent Content(SqliteConnection connection, ContentTracker tracker, DateTimeOffset at, bool full = false) =>
        tracker.Next(SqliteContentReader.Read(connection), at, full);

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

    private static SqliteConnection Database(string schemaPath)
    {
        var connection = new SqliteConnection("Data Source=:memory:;Pooling=False");
        connection.Open();
        Execute(connection, File.ReadAllText(Path.Combine(AppContext.BaseDirectory, schemaPath)));
        return connection;
    }
}
