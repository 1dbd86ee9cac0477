using LxdScope.Agent;
using LxdScope.Agent.Sources;
using LxdScope.Contracts;
using LxdScope.Lxd;
using LxdScope.Lxd.Api;

namespace LxdScope.Agent.Tests;

public sealed class CollectionCycleTests
{
    private static readonly LxdDirectory Nowhere = new("/nonexistent/lxd");

    private static AgentSelfSection Self(TimeSpan cpu) => new("test", 1, 1, cpu.TotalSeconds, 0, 0, 10);

    [Fact]
    public async Task A_failing_or_hanging_source_is_reported_and_never_stops_the_others()
    {
        var cycle = new CollectionCycle(
            new AgentIdentity("a1", "prod"),
            Nowhere,
            [new Fake("ok", c => c.Member = "node1"), new Fake("boom", _ => throw new InvalidOperationException("database is on fire")), new Hanging("stuck")],
            [new Fake("after", c => Assert.Equal("node1", c.Member))],
            TimeSpan.FromSeconds(1),
            LxdCallBudget.Unlimited,
            TimeProvider.System);

        var started = DateTimeOffset.UtcNow;
        var report = await cycle.RunAsync("e1", 7, Self, CancellationToken.None);

        Assert.True(DateTimeOffset.UtcNow - started < TimeSpan.FromSeconds(4));
        Assert.Equal(["ok", "boom", "stuck", "after"], report.Collectors.Select(c => c.Name));
        Assert.Equal([true, false, false, true], report.Collectors.Select(c => c.Success));
        Assert.Equal("database is on fire", report.Collectors[1].Error);
        Assert.Equal("timed out after 1 s", report.Collectors[2].Error);
        Assert.Equal(("a1", "prod", "e1", 7L, "node1"), (report.AgentId, report.Cluster, report.Epoch, report.Sequence, report.Member));
    }

    [Fact]
    public async Task Real_sources_on_a_missing_LXD_fail_with_reasons_and_still_give_a_report()
    {
        var options = new AgentOptions { Cluster = "prod", AgentId = "a1" };
        var (first, second) = SourceSet.Create(options, new ContentFeedback());
        var cycle = new CollectionCycle(new AgentIdentity("a1", "prod"), Nowhere, first, second, TimeSpan.FromSeconds(2), LxdCallBudget.Unlimited, TimeProvider.System);

        var report = await cycle.RunAsync("e1", 1, Self, CancellationToken.None);

        // The fan source runs by default: it asks LXD for a fan network, and LXD is not there.
        Assert.Equal(AgentOptions.SourceNames.Order(), report.Collectors.Select(c => c.Name).Order());
        // Every source that needs LXD fails; global-content has nothing to do until the collector chooses this agent.
        Assert.All(report.Collectors.Where(c => c.Name != "global-content"), c => Assert.False(c.Success));
        Assert.Null(report.Content);
        Assert.Contains("does not exist", report.Collectors.Single(c => c.Name == "local").Error, StringComparison.Ordinal);
        Assert.Contains("no socket", report.Collectors.Single(c => c.Name == "global").Error, StringComparison.Ordinal);
        Assert.Null(report.Local);
        Assert.Null(report.Global);
    }

    private sealed class Fake(string name, Action<CollectionContext> act) : IAgentSource
    {
        public string Name => name;

        public Task CollectAsync(CollectionContext context, CancellationToken ct)
        {
            act(context);
            return Task.CompletedTask;
        }
    }

    /// <summary>Ignores cancellation, as blocking I/O would.</summary>
    private sealed class Hanging(string name) : IAgentSource
    {
        public string Name => name;

        public Task CollectAsync(CollectionContext context, CancellationToken ct)
        {
            Thread.Sleep(2000);
            return Task.CompletedTask;
        }
    }
}
