using System.Net;
using LxdScope.Collector.Tests.Support;

namespace LxdScope.Collector.Tests.Auth;

/// <summary>Agent tokens push and nothing else; console tokens read and push nothing.</summary>
public sealed class CredentialSeparationTests
{
    [Fact]
    public async Task Console_token_cannot_push_and_agent_token_cannot_query()
    {
        await using var collector = await TestCollector.StartAsync(extraSettings: Support.Mirrors.ConsoleSettings());

        await Responses.AssertProblem(await collector.PostAsync(Reports.Valid(), token: Support.Mirrors.ConsoleToken), HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Support.Mirrors.Query(collector, """{"cluster":"alpha","database":"global","query":"SELECT 1"}""", token: TestCollector.Token)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Support.Mirrors.Get(collector, "/api/v1/sql/canned?cluster=alpha", token: TestCollector.Token)).StatusCode);

        // Each works where it belongs.
        await Responses.AssertOk(await collector.PostAsync(Reports.Valid()));
        Assert.Equal(HttpStatusCode.OK, (await Support.Mirrors.Get(collector, "/api/v1/sql/canned?cluster=alpha")).StatusCode);
    }
}
