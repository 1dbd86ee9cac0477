using LxdScope.Agent.Sources;
using LxdScope.Collector.State;
using Microsoft.Extensions.DependencyInjection;
using LxdScope.Collector.Tests.Support;
using static LxdScope.Collector.Tests.Support.Mirrors;
using static LxdScope.Testing.LxdDatabases;

namespace LxdScope.Collector.Tests.Sql;

public sealed class SqlQuorumLossTests
{
    [Fact]
    public async Task After_quorum_loss_the_last_global_content_stays_queryable_and_says_how_old_it_is()
    {
        // The real cluster model, not the recording sink: the console asks it about quorum.
        await using var collector = await TestCollector.StartAsync(
            b => b.Services.AddSingleton<IReportSink>(sp => sp.GetRequiredService<ClusterRegistry>()),
            ConsoleSettings());
        var t0 = TestCollector.Start;
        using var global = Global();
        var healthy = ClusterReports.Report("node1", 1, t0, ClusterReports.HealthyGlobal(t0), cluster: TestCollector.Cluster) with
        {
            Content = new Contracts.DatabaseContentSection(null, Content(global, new ContentTracker(), t0)),
        };
        await Responses.AssertOk(await collector.PostAsync(healthy));

        // Two of three voters gone: no agent can read the global database any more.
        var t1 = t0.AddMinutes(5);
        collector.Time.SetUtcNow(t1);
        await Responses.AssertOk(await collector.PostAsync(ClusterReports.Report("node1", 2, t1, global: null, unreachable: ["node2", "node3"], cluster: TestCollector.Cluster)));

        var result = await Json(await Query(collector, new Dictionary<string, object?>
        {
            ["cluster"] = TestCollector.Cluster,
            ["database"] = "global",
            ["member"] = null,
            ["query"] = "SELECT count(*) FROM nodes",
        }));

        Assert.Equal(["3"], Rows(result));
        var snapshot = result.GetProperty("snapshot");
        Assert.Equal(300, snapshot.GetProperty("age_seconds").GetDouble(), 0.5);
        Assert.True(snapshot.GetProperty("stale").GetBoolean());
        Assert.Contains("lost its quorum", snapshot.GetProperty("note").GetString(), StringComparison.Ordinal);
        Assert.Contains("5 min", snapshot.GetProperty("note").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Content_rebuilt_from_raft_files_is_marked_as_such()
    {
        await using var collector = await TestCollector.StartAsync(extraSettings: ConsoleSettings());
        using var global = Global();
        var content = Content(global, new ContentTracker(), TestCollector.Start) with { Source = "from files, as of raft index 1180, term 1, on node1" };
        await Responses.AssertOk(await collector.PostAsync(Report("agent-1", "node1", 1, TestCollector.Start, null, content)));

        var result = await Json(await Query(collector, new Dictionary<string, object?>
        {
            ["cluster"] = TestCollector.Cluster,
            ["database"] = "global",
            ["member"] = null,
            ["query"] = "SELECT count(*) FROM nodes",
        }));

        Assert.Equal(["3"], Rows(result));
        Assert.Contains("rebuilt from files, as of raft index 1180, term 1, on node1", result.GetProperty("snapshot").GetProperty("note").GetString(), StringComparison.Ordinal);
    }
}
