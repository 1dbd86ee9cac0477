using LxdScope.Collector.Mirrors;
using LxdScope.Collector.Sql;
using LxdScope.Collector.Tests.Support;
using LxdScope.Contracts;
using Microsoft.Extensions.Time.Testing;

namespace LxdScope.Collector.Tests.Mirrors;

public sealed class GlobalContentElectionTests
{
    private static readonly DateTimeOffset T0 = TestCollector.Start;
    private readonly FakeTimeProvider time = new(T0);

    [Fact]
    public void One_agent_per_cluster_is_chosen_and_kept_while_it_sends()
    {
        var election = new GlobalContentElection(time);

        Assert.False(election.Elect(Report("a", global: false), T0)); // its LXD did not answer: not worth choosing
        Assert.True(election.Elect(Report("b", global: true), T0));
        Assert.False(election.Elect(Report("c", global: true), T0));
        Assert.True(election.Elect(Report("b", global: true, sent: true), T0.AddMinutes(1)));
        Assert.True(election.Elect(Report("x", global: true, cluster: "other"), T0));

        time.SetUtcNow(T0.AddMinutes(3));
        Assert.False(election.Elect(Report("c", global: true), time.GetUtcNow())); // b sent a minute ago
    }

    [Fact]
    public void A_chosen_agent_silent_for_longer_than_the_patience_is_replaced()
    {
        var election = new GlobalContentElection(time);
        Assert.True(election.Elect(Report("b", global: true), T0));

        time.SetUtcNow(T0 + GlobalContentElection.Patience + TimeSpan.FromSeconds(1));

        Assert.True(election.Elect(Report("c", global: true), time.GetUtcNow()));
        Assert.False(election.Elect(Report("b", global: true), time.GetUtcNow()));
    }

    [Fact]
    public void With_nobody_chosen_an_agent_that_reads_its_raft_files_is_chosen_even_without_LXD()
    {
        var election = new GlobalContentElection(time);
        var withRaft = Report("a", global: false) with { Raft = new RaftFilesSection(1, 10, 1, 1, 1, 0, null, [], [], [], 1) };

        Assert.True(election.Elect(withRaft, T0));
        Assert.False(election.Elect(Report("c", global: false) with { Raft = withRaft.Raft }, T0)); // a stays chosen

        // An agent whose LXD answers replaces one that rebuilds from its files.
        Assert.True(election.Elect(Report("b", global: true), T0.AddSeconds(10)));
        Assert.False(election.Elect(withRaft, T0.AddSeconds(20)));
    }

    private static AgentReport Report(string agent, bool global, bool sent = false, string cluster = "alpha") =>
        Reports.Valid(agentId: agent, cluster: cluster) with
        {
            Global = global ? new GlobalDatabaseSection("lxd", "5.0.2", 60, 20, null, [], [], 0, 0, 0, []) : null,
            Content = sent ? new DatabaseContentSection(null, new DatabaseContent(T0, "d", null, null)) : null,
        };
}
