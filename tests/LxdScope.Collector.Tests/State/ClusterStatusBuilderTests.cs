using LxdScope.Collector.State;
using static LxdScope.Testing.ClusterReports;

namespace LxdScope.Collector.Tests.State;

public sealed class ClusterStatusBuilderTests
{
    private static AgentSnapshot Snap(LxdScope.Contracts.AgentReport r, DateTimeOffset received) => new(r, received);

    [Fact]
    public void A_healthy_cluster_has_every_member_online_and_tolerates_one_failure()
    {
        var g = HealthyGlobal(T0);
        var agents = Names.Select((n, i) => Snap(Report(n, 1, T0, g, lastIndex: 100 + (ulong)i), T0)).ToList();

        var s = ClusterStatusBuilder.Build("prod", agents, null, T0.AddSeconds(1));

        Assert.Equal("global", s.Source);
        Assert.All(s.Members, m => Assert.Equal("ONLINE", m.State));
        Assert.Equal((3, 3, true, 1, "node1"), (s.Quorum.Voters, s.Quorum.VotersOnline, s.Quorum.HasQuorum, s.Quorum.FailureTolerance, s.Quorum.Leader));
        Assert.Equal(9, s.Reachability.Count);
        Assert.All(s.Agents, a => Assert.True(a.Up));
        Assert.Equal(101UL, s.Members.Single(m => m.Name == "node2").RaftLastIndex);
        Assert.Empty(s.Warnings);
        Assert.Contains(s.Inventory!.Instances, i => i.Member == "node1" && i.Status == "running" && i.Count == 1);
    }

    [Fact]
    public void A_stale_heartbeat_is_offline_by_LXDs_rule_at_the_time_the_agent_read_it()
    {
        var g = Global(T0, Member("node1", T0.AddSeconds(-1), leader: true), Member("node2", T0.AddSeconds(-2)), Member("node3", T0.AddSeconds(-20)));

        var s = ClusterStatusBuilder.Build("prod", [Snap(Report("node1", 1, T0, g, ["node3"]), T0)], null, T0.AddSeconds(5));

        var node3 = s.Members.Single(m => m.Name == "node3");
        Assert.Equal("OFFLINE", node3.State);
        Assert.Equal(25, node3.HeartbeatAgeSeconds);
        Assert.Equal((2, true, 0), (s.Quorum.VotersOnline, s.Quorum.HasQuorum, s.Quorum.FailureTolerance));
        Assert.Contains(s.Warnings, w => w.StartsWith("Database quorum at risk", StringComparison.Ordinal));
        Assert.Contains(s.Warnings, w => w.StartsWith("node3 (127.0.0.3:8443) is OFFLINE", StringComparison.Ordinal));
    }

    [Fact]
    public void A_voter_every_agent_fails_to_reach_counts_as_dead_before_its_heartbeat_ages()
    {
        var g = HealthyGlobal(T0);

        var s = ClusterStatusBuilder.Build(
            "prod",
            [Snap(Report("node1", 1, T0, g, ["node2", "node3"]), T0)],
            null,
            T0.AddSeconds(1));

        Assert.All(s.Members, m => Assert.Equal("ONLINE", m.State)); // LXD's own view still says so
        Assert.False(s.Quorum.HasQuorum);
        Assert.Equal(["node2", "node3"], s.Quorum.UnreachableVoters);
    }

    [Fact]
    public void Without_any_global_view_quorum_comes_from_probes_and_names_whom_to_recover_from()
    {
        var lastKnown = new KnownGlobal(HealthyGlobal(T0), T0, "agent-node1");
        var now = T0.AddSeconds(60);
        var agents = new List<AgentSnapshot>
        {
            Snap(Report("node1", 5, now, null, ["node2", "node3"], lastIndex: 300, lastTerm: 3), now),
            Snap(Report("node2", 4, T0, null, lastIndex: 310, lastTerm: 2), T0), // silent since T0
            Snap(Report("node3", 4, T0, null, lastIndex: 290, lastTerm: 3), T0),
        };

        var s = ClusterStatusBuilder.Build("prod", agents, lastKnown, now);

        Assert.Equal("last-known", s.Source);
        Assert.Equal(60, s.GlobalAgeSeconds);
        Assert.Equal(["REACHABLE", "UNREACHABLE", "UNREACHABLE"], s.Members.Select(m => m.State));
        Assert.False(s.Quorum.HasQuorum);
        Assert.Equal(1, s.Quorum.VotersOnline);
        Assert.Equal("node1", s.Quorum.RecoverFrom); // term 3 beats term 2 despite node2's higher index; 300 beats 290
        Assert.Null(s.Quorum.Leader);
        Assert.Equal([true, false, false], s.Agents.Select(a => a.Up));
        Assert.Contains(s.Warnings, w => w.StartsWith("Database quorum lost: 1 of 3", StringComparison.Ordinal) && w.Contains("recover from node1", StringComparison.Ordinal));
        Assert.Contains(s.Warnings, w => w.StartsWith("Agent agent-node2 (node2) silent", StringComparison.Ordinal));
    }

    [Fact]
    public void With_no_view_ever_members_come_from_the_raft_configuration()
    {
        var s = ClusterStatusBuilder.Build("prod", [Snap(Report("node1", 1, T0, null), T0)], null, T0);

        Assert.Equal("agents", s.Source);
        Assert.Equal(Names, s.Members.Select(m => m.Name));
        Assert.All(s.Members, m => Assert.Equal("voter", m.DatabaseRole));
        Assert.True(s.Quorum.HasQuorum);
    }

    [Fact]
    public void An_agent_is_up_for_three_of_its_intervals()
    {
        var r = Report("node1", 1, T0, HealthyGlobal(T0));

        Assert.True(new AgentSnapshot(r, T0).IsUp(T0.AddSeconds(30)));
        Assert.False(new AgentSnapshot(r, T0).IsUp(T0.AddSeconds(30.001)));
    }

    [Fact]
    public void Raft_nodes_that_disagree_with_the_cluster_are_named_on_the_member()
    {
        var g = Global(T0, Member("node1", T0, leader: true), Member("node2", T0), Member("node3", T0, role: "stand-by"));

        var s = ClusterStatusBuilder.Build("prod", [Snap(Report("node1", 1, T0, g), T0)], null, T0);

        var node1 = s.Members.Single(m => m.Name == "node1");
        Assert.Equal(["raft_nodes lists node3 (127.0.0.3:8443) as voter, the cluster says stand-by"], node1.RaftNodesDisagreements);
    }

    [Fact]
    public void A_probe_that_could_not_check_the_certificate_is_reachable_but_unverified_never_verified()
    {
        var now = T0.AddSeconds(60);
        var blind = Report("node1", 5, now, null);
        blind = blind with
        {
            Reachability = new LxdScope.Contracts.ReachabilitySection(
                blind.Reachability!.Peers.Select(p => p with { CertificateVerified = false }).ToList(),
                "/var/lib/lxd/cluster.crt cannot be read (Permission denied): peers' certificates are not verified"),
        };

        var s = ClusterStatusBuilder.Build("prod", [Snap(blind, now)], new KnownGlobal(HealthyGlobal(T0), T0, "agent-node1"), now);

        Assert.All(s.Reachability, e =>
        {
            Assert.True(e.Reachable);
            Assert.False(e.CertificateVerified);
            Assert.Contains("cluster.crt cannot be read", e.Error, StringComparison.Ordinal);
        });
        Assert.All(s.Members, m => Assert.Contains("UNVERIFIED", m.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void A_verified_probe_stays_verified_and_carries_no_error()
    {
        var g = HealthyGlobal(T0);

        var s = ClusterStatusBuilder.Build("prod", [Snap(Report("node1", 1, T0, g), T0)], null, T0.AddSeconds(1));

        Assert.All(s.Reachability, e => Assert.True(e.CertificateVerified));
        Assert.All(s.Reachability, e => Assert.Null(e.Error));
    }
}
