using System.Diagnostics;
using System.Net;
using LxdScope.Collector.Tests.Support;

namespace LxdScope.Collector.Tests.Http;

public sealed class CollectorRateLimitsTests
{
    [Fact]
    public async Task Ingest_over_the_burst_gets_429_with_retry_after_per_token()
    {
        await using var collector = await TestCollector.StartAsync(extraSettings: """ "RateLimits": { "Ingest": { "Burst": 5, "PerSecond": 1 } } """);

        for (var sequence = 1; sequence <= 5; sequence++)
        {
            await Responses.AssertOk(await collector.PostAsync(Reports.Valid(sequence: sequence)));
        }

        var refused = 0;
        for (var sequence = 6; sequence <= 10; sequence++)
        {
            var response = await collector.PostAsync(Reports.Valid(sequence: sequence));
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                refused++;
                Assert.True(response.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1), response.Headers.RetryAfter?.ToString());
                await Responses.AssertProblem(response, HttpStatusCode.TooManyRequests);
            }
        }

        // Five back to back with one refilled a second: at least three of them are refused.
        Assert.True(refused >= 3, $"{refused} refused");
        // Another cluster's token has a bucket of its own.
        await Responses.AssertOk(await collector.PostAsync(Reports.Valid(agentId: "b", cluster: TestCollector.OtherCluster), TestCollector.OtherToken));
        var metrics = await collector.Client.GetStringAsync("/metrics");
        Assert.Contains($"lxdscope_http_rate_limited_total{{policy=\"ingest\"}} {refused}", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Made_up_tokens_share_their_address_bucket()
    {
        await using var collector = await TestCollector.StartAsync(extraSettings: """ "RateLimits": { "Ingest": { "Burst": 3, "PerSecond": 1 } } """);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 8; i++)
        {
            statuses.Add((await collector.PostAsync(Reports.Valid(), token: "guess-" + i)).StatusCode);
        }

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized], statuses.Take(3));
        Assert.Contains(HttpStatusCode.TooManyRequests, statuses.Skip(3));
        // The real token is a bucket apart from the guesses.
        await Responses.AssertOk(await collector.PostAsync(Reports.Valid()));
    }

    [Fact]
    public async Task Api_over_the_burst_gets_429_and_health_is_never_limited()
    {
        await using var collector = await TestCollector.StartAsync(
            extraSettings: Support.Mirrors.ConsoleSettings() + """, "RateLimits": { "Api": { "Burst": 3, "PerSecond": 1 } } """);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 8; i++)
        {
            statuses.Add((await collector.Client.GetAsync("/api/v1/clusters")).StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK], statuses.Take(3));
        Assert.Contains(HttpStatusCode.TooManyRequests, statuses.Skip(3));
        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await collector.Client.GetAsync("/healthz")).StatusCode);
        }

        // A console token is a bucket of its own, apart from anonymous callers; ingest is apart from the API.
        Assert.NotEqual(HttpStatusCode.TooManyRequests, (await Support.Mirrors.Get(collector, "/api/v1/sql/canned?cluster=alpha")).StatusCode);
        await Responses.AssertOk(await collector.PostAsync(Reports.Valid()));
    }

    [Fact]
    public async Task Metrics_have_a_bucket_of_their_own_apart_from_the_api()
    {
        await using var collector = await TestCollector.StartAsync(
            extraSettings: """ "RateLimits": { "Api": { "Burst": 2, "PerSecond": 1 }, "Metrics": { "Burst": 3, "PerSecond": 1 } } """);

        var statuses = new List<HttpStatusCode>();
        foreach (var path in new[] { "/metrics", "/metrics/targets", "/metrics/lxd", "/metrics/clusters/alpha", "/metrics" })
        {
            statuses.Add((await collector.Client.GetAsync(path)).StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK], statuses.Take(3));
        Assert.Contains(HttpStatusCode.TooManyRequests, statuses.Skip(3));
        // The scrapes used none of the API's bucket.
        Assert.Equal(HttpStatusCode.OK, (await collector.Client.GetAsync("/api/v1/clusters")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await collector.Client.GetAsync("/api/v1/clusters")).StatusCode);
        await Task.Delay(TimeSpan.FromSeconds(1.2));
        var metrics = await collector.Client.GetStringAsync("/metrics");
        Assert.Contains("lxdscope_http_rate_limited_total{policy=\"api\"} 0", metrics, StringComparison.Ordinal);
        Assert.DoesNotContain("lxdscope_http_rate_limited_total{policy=\"metrics\"} 0", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_fleets_scrape_of_a_thousand_targets_at_once_is_not_refused_with_the_default_limits()
    {
        await using var collector = await TestCollector.StartAsync();

        // A restarted Prometheus may start every target's scrape at once.
        for (var i = 0; i < 1000; i++)
        {
            var response = await collector.Client.GetAsync(i % 2 == 0 ? "/metrics/targets" : "/metrics/clusters/alpha");
            Assert.NotEqual(HttpStatusCode.TooManyRequests, response.StatusCode);
        }
    }

    [Fact]
    public async Task A_thousand_report_spool_drain_is_not_refused_with_the_default_limits()
    {
        await using var collector = await TestCollector.StartAsync();
        var stopwatch = Stopwatch.StartNew();

        // As an agent drains its spool after an outage: back to back, oldest first, three agents on one token.
        for (var sequence = 1; sequence <= 1000; sequence++)
        {
            var response = await collector.PostAsync(Reports.Valid(agentId: "agent-" + (sequence % 3), sequence: sequence));
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"report {sequence} after {stopwatch.Elapsed}: {(int)response.StatusCode}");
        }

        Assert.DoesNotContain("lxdscope_http_rate_limited_total{policy=\"ingest\"} 1", await collector.Client.GetStringAsync("/metrics"), StringComparison.Ordinal);
    }
}
