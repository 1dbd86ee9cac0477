using System.Net;
using LxdScope.Agent.Sources;
using LxdScope.Collector.Tests.Support;
using static LxdScope.Collector.Tests.Support.Mirrors;
using static LxdScope.Testing.LxdDatabases;

namespace LxdScope.Collector.Tests.Sql;

public sealed class SqlApiTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = TestCollector.Start;
    private readonly ContentTracker globalTracker = new();
    private TestCollector collector = null!;

    public async Task InitializeAsync()
    {
        collector = await TestCollector.StartAsync(extraSettings: ConsoleSettings());
        using var global = Global();
        using var local1 = Local("127.0.0.1:8443", "127.0.0.1:8443", "127.0.0.2:8443", "127.0.0.3:8443");
        using var local2 = Local("127.0.0.2:8443", "127.0.0.1:8443", "127.0.0.2:8443");
        await Push(Report("agent-1", "node1", 1, T0, Content(local1, new ContentTracker(), T0), Content(global, globalTracker, T0)));
        await Push(Report("agent-2", "node2", 1, T0, Content(local2, new ContentTracker(), T0), null));
    }

    public async Task DisposeAsync() => await collector.DisposeAsync();

    [Fact]
    public async Task Global_query_returns_columns_rows_and_the_snapshot_used()
    {
        var result = await Json(await Query(collector, Request("global", null, "SELECT name, address FROM nodes ORDER BY id")));

        Assert.Equal(["name", "address"], result.GetProperty("columns").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(["node1|127.0.0.1:8443", "node2|127.0.0.2:8443", "node3|127.0.0.3:8443"], Rows(result));
        Assert.Equal(3, result.GetProperty("row_count").GetInt32());
        Assert.False(result.GetProperty("truncated").GetBoolean());
        Assert.Equal(T0, result.GetProperty("snapshot").GetProperty("at").GetDateTimeOffset());
        Assert.False(result.GetProperty("snapshot").GetProperty("stale").GetBoolean());
    }

    [Fact]
    public async Task Csv_format_is_rfc4180_with_a_header()
    {
        var response = await Query(collector, Request("global", null, "SELECT name, 'a,\"b' AS odd FROM nodes WHERE id = 1", format: "csv"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("name,odd\r\nnode1,\"a,\"\"b\"\r\n", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Local_query_without_a_member_runs_on_every_member_with_a_member_column()
    {
        var result = await Json(await Query(collector, Request("local", null, "SELECT count(*) AS raft_nodes FROM raft_nodes")));

        Assert.Equal(["member", "raft_nodes"], result.GetProperty("columns").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(["node1|3", "node2|2"], Rows(result));
        Assert.Equal(2, result.GetProperty("snapshots").GetArrayLength());
    }

    [Fact]
    public async Task Local_query_of_one_member_sees_only_that_member()
    {
        var result = await Json(await Query(collector, Request("local", "node2", "SELECT address FROM raft_nodes ORDER BY id")));

        Assert.Equal(["127.0.0.1:8443", "127.0.0.2:8443"], Rows(result));
    }

    [Fact]
    public async Task Unchanged_content_is_confirmed_not_stored_again_and_as_of_finds_the_old_version()
    {
        using var global = Global();
        var t1 = T0.AddMinutes(1);
        var unchanged = Content(global, globalTracker, t1);
        Assert.Null(unchanged.Tables);
        collector.Time.SetUtcNow(t1);
        await Push(Report("agent-1", "node1", 2, t1, null, unchanged));

        var t2 = T0.AddMinutes(10);
        Execute(global, "UPDATE nodes SET address = '127.0.0.9:8443' WHERE id = 3; INSERT INTO instances (id, node_id, name, architecture, type, description, project_id) VALUES (5, 1, 'c5', 2, 0, '', 1)");
        var changed = Content(global, globalTracker, t2);
        Assert.Equal(2, changed.Tables!.Count(t => t.Rows is not null));
        collector.Time.SetUtcNow(t2);
        await Push(Report("agent-1", "node1", 3, t2, null, changed));

        var versions = await Json(await Get(collector, "/api/v1/sql/versions?cluster=alpha&database=global"));
        Assert.Equal([t2, T0], versions.EnumerateArray().Select(v => v.GetProperty("at").GetDateTimeOffset()));

        var now = await Json(await Query(collector, Request("global", null, "SELECT address FROM nodes WHERE id = 3")));
        Assert.Equal(["127.0.0.9:8443"], Rows(now));
        var before = await Json(await Query(collector, Request("global", null, "SELECT address FROM nodes WHERE id = 3", asOf: T0.AddMinutes(5))));
        Assert.Equal(["127.0.0.3:8443"], Rows(before));
        Assert.Equal(T0.AddMinutes(5), before.GetProperty("snapshot").GetProperty("at").GetDateTimeOffset());
        Assert.Equal(T0, before.GetProperty("snapshot").GetProperty("changed_at").GetDateTimeOffset());

        var diff = await Json(await collector.Client.SendAsync(DiffRequest(T0.AddMinutes(5), t2)));
        var tables = diff.GetProperty("tables").EnumerateArray().ToDictionary(t => t.GetProperty("table").GetString()!);
        Assert.Equal(["instances", "nodes"], tables.Keys.Order());
        Assert.Equal(1, tables["instances"].GetProperty("added").GetArrayLength());
        var change = Assert.Single(tables["nodes"].GetProperty("changed").EnumerateArray());
        Assert.Contains("127.0.0.3:8443", change.GetProperty("before").ToString(), StringComparison.Ordinal);
        Assert.Contains("127.0.0.9:8443", change.GetProperty("after").ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_table_sent_by_hash_that_the_mirror_does_not_hold_asks_for_a_full_resend()
    {
        using var global = Global();
        var stranger = new ContentTracker();
        Content(global, stranger, T0); // the "lost" report
        Execute(global, "UPDATE config SET value = '30' WHERE key = 'cluster.offline_threshold'");
        Execute(global, "INSERT INTO projects (id, name, description) VALUES (3, 'lost', '')");
        var content = Content(global, stranger, T0.AddMinutes(1));
        Execute(global, "DELETE FROM projects WHERE id = 3");
        // Only "config" and "projects" carry rows; this report claims projects has content the mirror never saw.
        var tampered = content with { Tables = content.Tables!.Select(t => t.Name == "projects" ? t with { Rows = null, Sql = null, Columns = null } : t).ToList() };

        var answer = await Responses.AssertOk(await collector.PostAsync(Report("agent-1", "node1", 2, T0.AddMinutes(1), null, tampered)));

        Assert.Equal(["global"], answer.ResendContent);
        var result = await Json(await Query(collector, Request("global", null, "SELECT value FROM config WHERE key = 'cluster.offline_threshold'")));
        Assert.Equal(["30"], Rows(result)); // what did arrive in full is kept
    }

    [Fact]
    public async Task Schema_versions_and_canned_queries_describe_the_mirror_and_every_canned_query_runs()
    {
        var schema = await Json(await Get(collector, "/api/v1/sql/schema?cluster=alpha&database=global"));
        var nodes = schema.GetProperty("tables").EnumerateArray().Single(t => t.GetProperty("name").GetString() == "nodes");
        Assert.Contains("heartbeat", nodes.GetProperty("columns").EnumerateArray().Select(c => c.GetString()));
        Assert.StartsWith("CREATE TABLE", nodes.GetProperty("sql").GetString(), StringComparison.Ordinal);

        var canned = await Json(await Get(collector, "/api/v1/sql/canned?cluster=alpha"));
        Assert.Contains("warnings-by-type", canned.EnumerateArray().Select(c => c.GetProperty("id").GetString()));
        foreach (var query in canned.EnumerateArray())
        {
            var database = query.GetProperty("database").GetString()!;
            var result = await Json(await Query(collector, Request(database, null, query.GetProperty("query").GetString()!)));
            if (query.GetProperty("id").GetString() == "offline-members")
            {
                // node3's heartbeat is two minutes behind the others', past the 20 s threshold.
                Assert.Equal("node3", Rows(result).Single().Split('|')[0]);
            }

            if (query.GetProperty("id").GetString() == "instances-per-member")
            {
                Assert.Contains("node3|web|virtual-machine|1", Rows(result));
            }
        }
    }

    [Fact]
    public async Task Console_needs_a_console_token_and_refuses_agent_tokens()
    {
        var none = await Query(collector, Request("global", null, "SELECT 1"), token: null);
        var agent = await Query(collector, Request("global", null, "SELECT 1"), token: TestCollector.Token);
        var wrong = await Query(collector, Request("global", null, "SELECT 1"), token: "guess");

        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, agent.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Get(collector, "/api/v1/sql/schema?cluster=alpha&database=global", token: null)).StatusCode);
    }

    [Fact]
    public async Task Console_without_tokens_is_off()
    {
        await using var plain = await TestCollector.StartAsync();

        var (status, title, _) = await Problem(await Query(plain, Request("global", null, "SELECT 1")));

        Assert.Equal(403, status);
        Assert.Equal("Console off", title);
    }

    [Theory]
    [InlineData("""{"cluster":"nowhere","database":"global","query":"SELECT 1"}""", 404, "No content")]
    [InlineData("""{"cluster":"alpha","database":"local","member":"node9","query":"SELECT 1"}""", 404, "No content")]
    [InlineData("""{"cluster":"alpha","database":"other","query":"SELECT 1"}""", 400, "Unknown database")]
    [InlineData("""{"cluster":"alpha","database":"global","member":"node1","query":"SELECT 1"}""", 400, "No member for global")]
    [InlineData("""{"cluster":"alpha","database":"global","query":"   "}""", 400, "Empty query")]
    [InlineData("""{"cluster":"alpha","database":"global","query":"SELECT * FROM nosuch"}""", 400, "Query failed")]
    [InlineData("""{"cluster":"alpha","database":"global","query":"SELECT 1","as_of":"2020-01-01T00:00:00Z"}""", 404, "No content at that time")]
    public async Task Bad_requests_get_a_clear_problem(string body, int status, string title)
    {
        var problem = await Problem(await Query(collector, body));

        Assert.Equal((status, title), (problem.Status, problem.Title));
        Assert.False(string.IsNullOrWhiteSpace(problem.Detail));
    }

    [Fact]
    public async Task Malformed_json_is_a_400_not_a_crash()
    {
        var response = await Query(collector, """{"cluster": "alpha", "database": """);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    private async Task Push(Contracts.AgentReport report) => await Responses.AssertOk(await collector.PostAsync(report));

    private static Dictionary<string, object?> Request(string database, string? member, string query, DateTimeOffset? asOf = null, string? format = null) => new()
    {
        ["cluster"] = TestCollector.Cluster,
        ["database"] = database,
        ["member"] = member,
        ["query"] = query,
        ["as_of"] = asOf,
        ["format"] = format,
    };

    private static HttpRequestMessage DiffRequest(DateTimeOffset from, DateTimeOffset to)
    {
        var message = new HttpRequestMessage(HttpMethod.Post, "/api/v1/sql/diff")
        {
            Content = new StringContent(
                $$"""{"cluster":"alpha","database":"global","from":"{{from:O}}","to":"{{to:O}}"}""",
                System.Text.Encoding.UTF8,
                "application/json"),
        };
        message.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", ConsoleToken);
        return message;
    }
}
