using LxdScope.Contracts;
using LxdScope.Lxd.Health;
using LxdScope.Lxd.Local;
using LxdScope.Lxd.Raft;

namespace LxdScope.Collector.State;

/// <summary>
/// An agent's latest report and when it arrived, with what the cluster's judgement takes from it
/// worked out once: a report is judged with its cluster many times (every tick that finds the
/// cluster changed), and its own rows of the matrices do not change in between.
/// </summary>
public sealed class AgentSnapshot(AgentReport report, DateTimeOffset receivedAt)
{
    private IReadOnlyList<ReachabilityEdge>? edges;
    private IReadOnlyList<ReachabilityProbe>? probes;
    private IReadOnlyList<FanEdge>? fanEdges;
    private IReadOnlyList<InstanceCountView>? instanceCounts;
    private RaftNodesCopy? raftNodes;

    internal AgentReport Report { get; } = report;

    internal DateTimeOffset ReceivedAt { get; } = receivedAt;

    /// <summary>Three of the agent's own intervals: one late report is no outage.</summary>
    internal TimeSpan Lease => TimeSpan.FromSeconds(3 * Math.Max(1, Report.Self.IntervalSeconds));

    /// <summary>Its member's name, or the agent's id when it does not know it.</summary>
    internal string Observer => Report.Member ?? Report.AgentId;

    internal bool IsUp(DateTimeOffset now) => now - ReceivedAt <= Lease;

    /// <summary>Its row of the reachability matrix, by peer.</summary>
    internal IReadOnlyList<ReachabilityEdge> Edges => edges ??= Report.Reachability is not { } r ? [] : r.Peers
        .Select(p => new ReachabilityEdge(
            Observer, p.Member ?? p.Address, p.Reachable, p.TcpConnectSeconds, p.TlsHandshakeSeconds,
            p.CertificateVerified == false ? r.CertificateProblem ?? p.Error : p.Error, p.CertificateVerified))
        .OrderBy(e => e.To, StringComparer.Ordinal)
        .ToList();

    /// <summary>Its probes, as the judge takes them.</summary>
    internal IReadOnlyList<ReachabilityProbe> Probes => probes ??= (Report.Reachability?.Peers ?? [])
        .Select(p => new ReachabilityProbe(Observer, p.Address, p.Reachable, p.Error, p.CertificateVerified))
        .ToList();

    /// <summary>Its row of the fan matrix, by peer.</summary>
    internal IReadOnlyList<FanEdge> FanEdges => fanEdges ??= Report.Fan is not { } fan ? [] : fan.Peers
        .Select(p => new FanEdge(Observer, p.Member ?? p.Vtep, p))
        .OrderBy(e => e.To, StringComparer.Ordinal)
        .ToList();

    /// <summary>Its raft_nodes copy, when it read its local database.</summary>
    internal RaftNodesCopy? RaftNodes => Report.Local is not { } local ? null : raftNodes ??= new RaftNodesCopy(
        Report.Member,
        local.Schema,
        local.RaftNodes.Select(n => new LocalRaftNode(n.Id, n.Address, RaftRoles.FromDisplay(n.Role) ?? RaftRole.Spare, n.Name)).ToList());

    /// <summary>Its instances counted by project, type and status, under <paramref name="member"/>'s name.</summary>
    internal IReadOnlyList<InstanceCountView> InstanceCounts(string member) =>
        instanceCounts is { Count: > 0 } known && known[0].Member == member ? known
        : instanceCounts = Report.Instances is not { } instances ? [] : instances.Instances
            .GroupBy(i => (i.Project, i.Type, Status: i.Status.ToLowerInvariant()))
            .Select(g => new InstanceCountView(member, g.Key.Project, g.Key.Type, g.Key.Status, g.Count()))
            .ToList();
}
