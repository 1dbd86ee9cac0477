using System.Net;
using System.Text.Json;
using LxdScope.Agent.Sources;
using LxdScope.Collector.Audit;
using LxdScope.Collector.Storage;
using LxdScope.Collector.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using static LxdScope.Collector.Tests.Support.Mirrors;
using static LxdScope.Testing.LxdDatabases;

namespace LxdScope.Collector.Tests.Audit;

/// <summary>
/// Every console query and diff leaves an audit record — answered, refused or failed — read back
/// through the admin's route, and counted in lxdscope_console_queries_total. Runs on SQLite here
/// and on PostgreSQL in the suite's PostgreSQL copy.
/// </summary>
public sealed class ConsoleAuditTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = TestCollector.Start;
    private TestCollector collector = null!;

    public async Task InitializeAsync()
    {
        collector = await TestCollector.StartAsync(extraSettings: ReaderTokens.ConsoleOnly());
        await PushContent(collector);
    }

    public async Task DisposeAsync() => await collector.DisposeAsync();

    [Fact]
    public async Task Answered_refused_and_failed_queries_each_leave_a_record_with_who_what_and_how_it_ended()
    {
        await Json(await Query(collector, Request("local", "node1", "SELECT address FROM raft_nodes", T0)));
        collector.Time.Advance(TimeSpan.FromSeconds(1));
        await Responses.AssertProblem(await Query(collector, Request("global", null, "DELETE FROM nodes")), HttpStatusCode.BadRequest);
        collector.Time.Advance(TimeSpan.FromSeconds(1));
        await Responses.AssertProblem(await Query(collector, Request("global", null, "SELECT * FROM no_such_table"), ReaderTokens.Admin), HttpStatusCode.BadRequest);

        var records = await Audit(collector);

        Assert.Equal(3, records.Count);
        var (error, refused, ok) = (records[0], records[1], records[2]);
        Assert.Equal(new ConsoleAuditRecord(T0, "ops", ConsoleRequestKind.Query, "alpha", "local", "node1", "SELECT address FROM raft_nodes", T0, 3, ConsoleOutcome.Ok, null), ok);
        Assert.Equal((T0.AddSeconds(1), "ops", "global", (string?)null, "DELETE FROM nodes", (int?)null, ConsoleOutcome.Refused),
            (refused.At, refused.User, refused.Database, refused.Member, refused.Query, refused.Rows, refused.Outcome));
        Assert.StartsWith("Query refused: ", refused.Reason, StringComparison.Ordinal);
        Assert.Equal(("auditor", ConsoleOutcome.Error, (int?)null), (error.User, error.Outcome, error.Rows));
        Assert.StartsWith("Query failed: ", error.Reason, StringComparison.Ordinal);
        Assert.Contains("no_such_table", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_request_the_console_cannot_read_diffs_and_fan_outs_are_recorded_too()
    {
        await Responses.AssertProblem(await Query(collector, "{ not json"), HttpStatusCode.BadRequest);
        await Json(await Query(collector, Request("local", null, "SELECT count(*) FROM raft_nodes")));
        using var diff = new HttpRequestMessage(HttpMethod.Post, "/api/v1/sql/diff")
        {
            Content = new StringContent($$"""{"cluster":"alpha","database":"global","from":"{{T0:O}}","to":"{{T0.AddMinutes(1):O}}"}""", System.Text.Encoding.UTF8, "application/json"),
        };
        diff.Headers.Authorization = new("Bearer", ConsoleToken);
        Assert.Equal(HttpStatusCode.OK, (await collector.Client.SendAsync(diff)).StatusCode);

        var records = await Audit(collector);

        Assert.Equal([ConsoleRequestKind.Diff, ConsoleRequestKind.Query, ConsoleRequestKind.Query], records.Select(r => r.Kind));
        Assert.Equal((ConsoleOutcome.Ok, 0, "global"), (records[0].Outcome, records[0].Rows, records[0].Database));
        Assert.Contains("from 2026-03-01T12:00:00", records[0].Query, StringComparison.Ordinal);
        Assert.Equal((ConsoleOutcome.Ok, 2, (string?)null), (records[1].Outcome, records[1].Rows, records[1].Member));
        Assert.Equal((ConsoleOutcome.Refused, "", (string?)null), (records[2].Outcome, records[2].Cluster, records[2].Query));
        Assert.StartsWith("Bad request body: ", records[2].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Queries_are_counted_by_outcome_in_the_metrics()
    {
        Assert.Equal((0L, 0L, 0L), await Counts(collector));

        await Json(await Query(collector, Request("global", null, "SELECT 1")));
        await Json(await Query(collector, Request("global", null, "SELECT 2")));
        await Query(collector, Request("global", null, "UPDATE nodes SET name = 'x'"));
        await Query(collector, Request("global", null, "SELECT nope FROM nodes"));
        // Without a console token a request is no one's query: answered 401, neither recorded nor counted.
        await Query(collector, Request("global", null, "SELECT 3"), token: null);

        Assert.Equal((2L, 1L, 1L), await Counts(collector));
        Assert.Equal(4, (await Audit(collector)).Count);
    }

    [Fact]
    public async Task The_audit_route_pages_by_time_and_limit_and_refuses_bad_arguments()
    {
        await Json(await Query(collector, Request("global", null, "SELECT 1")));
        collector.Time.Advance(TimeSpan.FromMinutes(1));
        await Json(await Query(collector, Request("global", null, "SELECT 2")));

        Assert.Equal(["SELECT 2"], (await Audit(collector, $"?since={Uri.EscapeDataString(T0.AddSeconds(30).ToString("O"))}")).Select(r => r.Query));
        Assert.Equal(["SELECT 2"], (await Audit(collector, "?limit=1")).Select(r => r.Query));
        await Responses.AssertProblem(await Get(collector, "/api/v1/audit?since=yesterday", ReaderTokens.Admin), HttpStatusCode.BadRequest);
        await Responses.AssertProblem(await Get(collector, "/api/v1/audit?limit=0", ReaderTokens.Admin), HttpStatusCode.BadRequest);
        await Responses.AssertProblem(await Get(collector, $"/api/v1/audit?limit={AuditApi.MaxLimit + 1}", ReaderTokens.Admin), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task When_the_record_cannot_be_written_the_rows_are_withheld()
    {
        await using var failing = await TestCollector.StartAsync(
            builder => builder.Services.AddSingleton<ICollectorStore>(sp => new AuditFailingStore(ActivatorUtilities.CreateInstance<SqliteCollectorStore>(sp))),
            extraSettings: ReaderTokens.ConsoleOnly(),
            storage: StorageKinds.Sqlite);
        await PushContent(failing);

        var response = await Query(failing, Request("global", null, "SELECT name FROM nodes"));

        var detail = await Responses.AssertProblem(response, HttpStatusCode.ServiceUnavailable);
        Assert.Contains("withheld", detail, StringComparison.Ordinal);
        Assert.DoesNotContain("node1", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal((0L, 0L, 1L), await Counts(failing));
    }

    private static async Task PushContent(TestCollector target)
    {
        using var global = Global();
        using var local1 = Local("127.0.0.1:8443", "127.0.0.1:8443", "127.0.0.2:8443", "127.0.0.3:8443");
        using var local2 = Local("127.0.0.2:8443", "127.0.0.1:8443", "127.0.0.2:8443");
        await Responses.AssertOk(await target.PostAsync(Report("agent-1", "node1", 1, T0, Content(local1, new ContentTracker(), T0), Content(global, new ContentTracker(), T0))));
        await Responses.AssertOk(await target.PostAsync(Report("agent-2", "node2", 1, T0, Content(local2, new ContentTracker(), T0), null)));
    }

    private static async Task<List<ConsoleAuditRecord>> Audit(TestCollector target, string query = "")
    {
        var response = await Get(target, "/api/v1/audit" + query, ReaderTokens.Admin);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return JsonSerializer.Deserialize(text, AuditJson.Default.ListConsoleAuditRecord)!;
    }

    private static async Task<(long Ok, long Refused, long Error)> Counts(TestCollector target)
    {
        var text = await (await target.Client.GetAsync("/metrics")).Content.ReadAsStringAsync();
        long Count(string outcome) => long.Parse(
            text.Split('\n').Single(l => l.StartsWith($"lxdscope_console_queries_total{{outcome=\"{outcome}\"}} ", StringComparison.Ordinal)).Split(' ')[1],
            System.Globalization.CultureInfo.InvariantCulture);
        return (Count("ok"), Count("refused"), Count("error"));
    }

    private static Dictionary<string, object?> Request(string database, string? member, string query, DateTimeOffset? asOf = null) => new()
    {
        ["cluster"] = TestCollector.Cluster,
        ["database"] = database,
        ["member"] = member,
        ["query"] = query,
        ["as_of"] = asOf,
    };
}
