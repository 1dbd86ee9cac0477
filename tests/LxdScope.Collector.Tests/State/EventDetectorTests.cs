using LxdScope.Collector.State;
using static LxdScope.Testing.ClusterReports;

namespace LxdScope.Collector.Tests.State;

public sealed class EventDetectorTests
{
    [Fact]
    public void Offline_quorum_loss_agent_silence_and_leader_change_become_events()
    {
        var healthy = ClusterStatusBuilder.Build("prod", Names.Select(n => new AgentSnapshot(Report(n, 1, T0, HealthyGlobal(T0)), T0)).ToList(), null, T0);
        var now = T0.AddSeconds(40);
        var broken = ClusterStatusBuilder.Build(
            "prod",
            [
                new AgentSnapshot(Report("node1", 5, now, null, ["node2", "node3"]), now),
                new AgentSnapshot(Report("node2", 1, T0, HealthyGlobal(T0)), T0),
                new AgentSnapshot(Report("node3", 1, T0, HealthyGlobal(T0)), T0),
            ],
            new KnownGlobal(HealthyGlobal(T0), T0, "agent-node1"),
            now);

        var events = EventDetector.Diff(healthy, broken, "node1");

        Assert.Equal(
            ["member-state:node1", "member-offline:node2", "member-offline:node3", "quorum-lost:", "agent-silent:node2", "agent-silent:node3"],
            events.Select(e => $"{e.Kind}:{e.Member}"));

        var back = ClusterStatusBuilder.Build("prod", Names.Select(n => new AgentSnapshot(Report(n, 9, now, HealthyGlobal(now) with { Leader = "node2" }), now)).ToList(), null, now);
        var recovered = EventDetector.Diff(broken, back, "node1");
        Assert.Contains(recovered, e => e.Kind == "leader-changed" && e.Member == "node2");
        Assert.Contains(recovered, e => e.Kind == "quorum-regained");
        Assert.Contains(recovered, e => e.Kind == "member-online" && e.Member == "node2");
        Assert.Equal(2, recovered.Count(e => e.Kind == "agent-back"));
    }

    [Fact]
    public void No_previous_status_means_no_events()
    {
        var s = ClusterStatusBuilder.Build("prod", [new AgentSnapshot(Report("node1", 1, T0, HealthyGlobal(T0)), T0)], null, T0);

        Assert.Empty(EventDetector.Diff(null, s, null));
    }
}
