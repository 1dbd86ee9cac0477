using System.Net;
using LxdScope.Agent.Sources;
using LxdScope.Collector.State;
using LxdScope.Collector.Tests.Support;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using static LxdScope.Collector.Tests.Support.Mirrors;
using static LxdScope.Testing.LxdDatabases;

namespace LxdScope.Collector.Tests.Auth;

/// <summary>
/// With viewer tokens configured, every route the collector maps — read from its endpoint data
/// source, so a route added later is checked without anyone remembering to — answers 401 without
/// a reader's token, except the few marked open on purpose.
/// </summary>
public sealed class ViewersTests : IAsyncLifetime
{
    // The only routes open to anyone: probes, the agents' ingest (agent credentials, checked by
    // ingest itself) and the pages' files (no data in them). Adding one here is a decision.
    private static readonly string[] Open =
    [
        "GET /healthz", "GET /readyz", "POST /api/v1/reports",
        "GET /", "GET /clusters/{name}", "GET /sql", "GET /ui/{file}",
    ];

    private static readonly DateTimeOffset T0 = TestCollector.Start;
    private TestCollector collector = null!;

    /// <summary>A request that succeeds for each closed route, and the least token it needs.</summary>
    private static readonly Dictionary<string, (Func<HttpRequestMessage> Make, string Token)> Samples = new()
    {
        ["GET /api/v1/clusters/"] = (() => new(HttpMethod.Get, "/api/v1/clusters"), ReaderTokens.Viewer),
        ["GET /api/v1/clusters/{name}"] = (() => new(HttpMethod.Get, "/api/v1/clusters/alpha"), ReaderTokens.Viewer),
        ["GET /api/v1/clusters/{name}/fan"] = (() => new(HttpMethod.Get, "/api/v1/clusters/alpha/fan"), ReaderTokens.Viewer),
        ["GET /metrics"] = (() => new(HttpMethod.Get, "/metrics"), ReaderTokens.Viewer),
        ["GET /metrics/lxd"] = (() => new(HttpMethod.Get, "/metrics/lxd"), ReaderTokens.Viewer),
        ["GET /metrics/clusters/{name}"] = (() => new(HttpMethod.Get, "/metrics/clusters/alpha"), ReaderTokens.Viewer),
        ["GET /metrics/targets"] = (() => new(HttpMethod.Get, "/metrics/targets"), ReaderTokens.Viewer),
        ["POST /api/v1/sql/"] = (() => Post("/api/v1/sql", """{"cluster":"alpha","database":"global","query":"SELECT name FROM nodes"}"""), ConsoleToken),
        ["GET /api/v1/sql/schema"] = (() => new(HttpMethod.Get, "/api/v1/sql/schema?cluster=alpha&database=global"), ConsoleToken),
        ["GET /api/v1/sql/versions"] = (() => new(HttpMethod.Get, "/api/v1/sql/versions?cluster=alpha&database=global"), ConsoleToken),
        ["GET /api/v1/sql/canned"] = (() => new(HttpMethod.Get, "/api/v1/sql/canned?cluster=alpha"), ConsoleToken),
        ["POST /api/v1/sql/diff"] = (() => Post("/api/v1/sql/diff", $$"""{"cluster":"alpha","database":"global","from":"{{T0:O}}","to":"{{T0.AddMinutes(1):O}}"}"""), ConsoleToken),
        ["GET /api/v1/audit"] = (() => new(HttpMethod.Get, "/api/v1/audit"), ReaderTokens.Admin),
    };

    public async Task InitializeAsync()
    {
        collector = await TestCollector.StartAsync(
            b => b.Services.AddSingleton<IReportSink>(sp => sp.GetRequiredService<ClusterRegistry>()), extraSettings: ReaderTokens.Settings());
        using var global = Global();
        using var local = Local("127.0.0.1:8443", "127.0.0.1:8443");
        await Responses.AssertOk(await collector.PostAsync(Report("agent-1", "node1", 1, T0, Content(local, new ContentTracker(), T0), Content(global, new ContentTracker(), T0))));
    }

    public async Task DisposeAsync() => await collector.DisposeAsync();

    [Fact]
    public void Only_health_ingest_and_the_pages_files_are_open_and_every_other_route_has_a_sample()
    {
        var routes = Routes();

        Assert.Equal(Open.Order(), routes.Where(r => r.Open).Select(r => r.Key).Order());
        Assert.Equal(Samples.Keys.Order(), routes.Where(r => !r.Open).Select(r => r.Key).Order());
    }

    [Fact]
    public async Task Every_closed_route_answers_401_without_a_token_and_with_an_agent_or_unknown_token()
    {
        var closed = Routes().Where(r => !r.Open).ToList();
        Assert.NotEmpty(closed);

        foreach (var route in closed)
        {
            foreach (var token in new[] { null, TestCollector.Token, "no-such-token" })
            {
                using var request = new HttpRequestMessage(new HttpMethod(route.Method), route.Url);
                if (token is not null)
                {
                    request.Headers.Authorization = new("Bearer", token);
                }

                using var response = await collector.Client.SendAsync(request);
                Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{route.Key} with {token ?? "no token"}: {(int)response.StatusCode}");
                Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
                await Responses.AssertProblem(response, HttpStatusCode.Unauthorized);
            }
        }
    }

    [Fact]
    public async Task Every_closed_route_answers_200_with_the_token_it_needs()
    {
        foreach (var (key, (make, token)) in Samples)
        {
            using var request = make();
            request.Headers.Authorization = new("Bearer", token);
            using var response = await collector.Client.SendAsync(request);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{key}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    [Fact]
    public async Task A_console_token_reads_what_a_viewer_reads_and_a_viewer_token_neither_queries_nor_audits()
    {
        foreach (var (key, (make, token)) in Samples.Where(s => s.Value.Token == ReaderTokens.Viewer))
        {
            using var request = make();
            request.Headers.Authorization = new("Bearer", ConsoleToken);
            Assert.True((await collector.Client.SendAsync(request)).StatusCode == HttpStatusCode.OK, key);
        }

        var (status, title, _) = await Problem(await Query(collector, """{"cluster":"alpha","database":"global","query":"SELECT 1"}""", ReaderTokens.Viewer));
        Assert.Equal((401, "Console token needed"), (status, title));
        await Responses.AssertProblem(await Get(collector, "/api/v1/audit", ReaderTokens.Viewer), HttpStatusCode.Forbidden);
        await Responses.AssertProblem(await Get(collector, "/api/v1/audit", ConsoleToken), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Open_routes_answer_without_a_token()
    {
        foreach (var path in new[] { "/healthz", "/readyz", "/", "/clusters/alpha", "/sql", "/ui/api.js" })
        {
            Assert.True((await collector.Client.GetAsync(path)).StatusCode == HttpStatusCode.OK, path);
        }
    }

    [Fact]
    public async Task Without_viewers_reading_needs_no_token_but_the_console_and_the_audit_still_do()
    {
        await using var open = await TestCollector.StartAsync(extraSettings: ReaderTokens.ConsoleOnly());

        Assert.Equal(HttpStatusCode.OK, (await open.Client.GetAsync("/api/v1/clusters")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await open.Client.GetAsync("/metrics")).StatusCode);
        await Responses.AssertProblem(await Get(open, "/api/v1/audit", token: null), HttpStatusCode.Unauthorized);
        await Responses.AssertProblem(await Get(open, "/api/v1/audit", ConsoleToken), HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.OK, (await Get(open, "/api/v1/audit", ReaderTokens.Admin)).StatusCode);
        await Responses.AssertProblem(await Query(open, """{"cluster":"alpha","database":"global","query":"SELECT 1"}""", token: null), HttpStatusCode.Unauthorized);
    }

    private static HttpRequestMessage Post(string path, string json) =>
        new(HttpMethod.Post, path) { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") };

    private List<(string Key, string Method, string Url, bool Open)> Routes() =>
        collector.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => e.Metadata.GetRequiredMetadata<HttpMethodMetadata>().HttpMethods.Select(method => (
                Key: $"{method} {e.RoutePattern.RawText}",
                Method: method,
                Url: Fill(e.RoutePattern.RawText!),
                Open: e.Metadata.GetMetadata<IAllowAnonymous>() is not null)))
            .ToList();

    // A value for every route parameter the collector uses; an unknown one fails here, by name.
    private static string Fill(string pattern) =>
        System.Text.RegularExpressions.Regex.Replace(pattern, @"\{(\w+)\}", m => m.Groups[1].Value switch
        {
            "name" => "alpha",
            "file" => "app.css",
            var other => throw new InvalidOperationException($"No sample value for route parameter {{{other}}}; add one."),
        });
}
