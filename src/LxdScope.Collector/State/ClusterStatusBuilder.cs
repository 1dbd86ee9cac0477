using LxdScope.Contracts;
using LxdScope.Lxd.Global;
using LxdScope.Lxd.Health;
using LxdScope.Lxd.Local;
using LxdScope.Lxd.Raft;

namespace LxdScope.Collector.State;

/// <summary>
/// Merges the agents of one cluster into one status. The judgement is <see cref="ClusterJudge"/>'s:
/// this class gathers what the agents report into its facts — the freshest global view (or the
/// last one kept through an outage), every agent's probes, raft_nodes copies and raft positions —
/// and lays the verdict out with what only the collector knows (its agents, their age).
/// </summary>
public static class ClusterStatusBuilder
{
    public static ClusterStatus Build(string cluster, IReadOnlyList<AgentSnapshot> agents, KnownGlobal? lastGlobal, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(agents);
        var up = agents.Where(a => a.IsUp(now)).ToList();
        var fresh = up.Where(a => a.Report.Global is not null)
            .OrderByDescending(a => a.Report.CollectedAt)
            .Select(a => new KnownGlobal(a.Report.Global!, a.Report.CollectedAt, a.Report.AgentId))
            .FirstOrDefault();
        var global = fresh ?? lastGlobal;
        var byMember = MemberAgents(agents, now);
        var warnings = new List<string>();
        if (fresh is null)
        {
            warnings.Add(global is not null
                ? $"No agent can read the cluster database now; members are from the view of {MemberRules.FormatAge(now - global.CollectedAt)} ago, their state from the agents' probes."
                : "No agent has read the cluster database yet; members come from the raft configuration.");
        }

        var threshold = global?.Section.OfflineThresholdSeconds ?? GlobalSnapshot.DefaultOfflineThreshold.TotalSeconds;
        var verdict = ClusterJudge.Judge(new ClusterFacts
        {
            Now = now,
            Rows = global?.Section.Members.Select(Row).ToList(),
            RowsLive = fresh is not null,
            RowsReadAt = fresh?.CollectedAt,
            Leader = fresh?.Section.Leader,
            OfflineThreshold = TimeSpan.FromSeconds(threshold),
            Reported = global?.Section.Members.Where(m => m.Status is not null).Select(Reported).ToList(),
            RaftConfiguration = RaftConfiguration(agents),
            RaftNodes = byMember.Values.Select(a => a.RaftNodes).OfType<RaftNodesCopy>().ToList(),
            Probes = up.SelectMany(a => a.Probes).ToList(),
            // Each member's own agent, as the members below are laid out: the recovery plan reads
            // those positions back from the API and must come to the same choice.
            Progress = byMember.Values.Where(a => a.Report.Raft?.LastIndex is not null && a.Report.Member is not null)
                .Select(a => new RaftProgress(a.Report.Member!, new RaftPosition(a.Report.Raft!.LastTerm ?? 0, a.Report.Raft.LastIndex ?? 0), a.IsUp(now), a.Report.Raft.Errors.Count == 0))
                .ToList(),
            ProbesFrom = "the agents' probes",
            Product = global?.Section.Product == "incus" ? "Incus" : "LXD",
        });
        warnings.AddRange(verdict.Warnings);
        var infos = (global?.Section.Members ?? []).GroupBy(m => m.Address, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var members = verdict.Members.Select(m => View(m, infos.TryGetValue(m.Address, out var info) ? info : null, global?.Section.ServerVersion, byMember, now)).ToList();
        var q = verdict.Quorum;
        foreach (var m in members.Where(m => m.RaftLogErrors > 0))
        {
            warnings.Add($"{m.Name}'s raft log has {m.RaftLogErrors} error(s): see its agent's report.");
        }

        foreach (var a in agents.Where(a => !a.IsUp(now)))
        {
            warnings.Add($"Agent {a.Report.AgentId} ({a.Report.Member ?? "unknown member"}) silent for {MemberRules.FormatAge(now - a.ReceivedAt)}.");
        }

        return new ClusterStatus(
            cluster,
            now,
            fresh is not null ? "global" : global is not null ? "last-known" : "agents",
            global is null ? null : Math.Round((now - global.CollectedAt).TotalSeconds, 3),
            global?.AgentId,
            threshold,
            members,
            new QuorumView(q.Voters, q.VotersAlive, q.HasQuorum, q.FailureTolerance, q.Leader, q.Basis, q.Unreachable, q.RecoverFrom, q.Judged),
            Edges(up),
            agents.OrderBy(a => a.Report.Member ?? a.Report.AgentId, StringComparer.Ordinal).Select(a => new AgentView(
                a.Report.AgentId, a.Report.Member, a.IsUp(now), a.ReceivedAt, Math.Round((now - a.ReceivedAt).TotalSeconds, 3),
                a.Report.Sequence, a.Report.Collectors, a.Report.Self)).ToList(),
            Inventory(global, byMember, now),
            warnings)
        {
            Product = global?.Section.Product,
            Version = global?.Section.ServerVersion,
            Fan = FanEdges(up),
            FanCaptures = up.Where(a => a.Report.Fan is not null)
                .Select(a => (Member: a.Report.Member ?? a.Report.AgentId, Fan: a.Report.Fan!))
                .Select(m => new FanCapture(m.Member, m.Fan.Interface, m.Fan.LocalVtep, m.Fan.Overlay, m.Fan.Underlay, m.Fan.Vni, m.Fan.FanMtu, m.Fan.Packets, m.Fan.KernelDropped, m.Fan.Evicted))
                .OrderBy(c => c.Member, StringComparer.Ordinal)
                .ToList(),
        };
    }

    /// <summary>Each member's own agent (its latest report, up or not), by member name.</summary>
    private static Dictionary<string, AgentSnapshot> MemberAgents(IReadOnlyList<AgentSnapshot> agents, DateTimeOffset now)
    {
        var map = new Dictionary<string, AgentSnapshot>(StringComparer.Ordinal);
        foreach (var a in agents.OrderBy(a => a.IsUp(now)).ThenBy(a => a.ReceivedAt))
        {
            if (a.Report.Member is { Length: > 0 } member)
            {
                map[member] = a; // later (up, newer) wins
            }
        }

        return map;
    }

    /// <summary>The row of the nodes table the agent read; its LXD roles without the database ones, which the judge derives.</summary>
    private static GlobalMember Row(MemberInfo m) => new(
        m.Id, m.Name, m.Address, m.Schema, m.ApiExtensions, m.Heartbeat, m.StateCode, 0, m.FailureDomain,
        m.Roles.Where(r => !r.StartsWith("database", StringComparison.Ordinal)).ToList());

    private static ReportedMember Reported(MemberInfo m) =>
        new(m.Name, m.Address, m.Roles, m.DatabaseRole is { } r ? RaftRoles.FromDisplay(r) : null, m.Status!, m.Message ?? "");

    /// <summary>The raft configuration of the agent whose log is furthest ahead.</summary>
    private static List<RaftServer> RaftConfiguration(IReadOnlyList<AgentSnapshot> agents) =>
        agents.Where(a => a.Report.Raft is { Configuration.Count: > 0 })
            .OrderByDescending(a => new RaftPosition(a.Report.Raft!.LastTerm ?? 0, a.Report.Raft.LastIndex ?? 0))
            .Select(a => a.Report.Raft!.Configuration
                .Select(s => RaftRoles.FromDisplay(s.Role) is { } role ? new RaftServer(s.Id, s.Address, role) : null)
                .OfType<RaftServer>()
                .ToList())
            .FirstOrDefault() ?? [];

    private static MemberView View(MemberVerdict m, MemberInfo? info, string? version, Dictionary<string, AgentSnapshot> byMember, DateTimeOffset now)
    {
        byMember.TryGetValue(m.Name, out var agent);
        var raft = agent?.Report.Raft;
        return new MemberView(
            m.Name, m.Address, m.Roles, m.DatabaseRole?.ToDisplay(), m.StateName, m.Message,
            m.HeartbeatAge?.TotalSeconds is { } age ? Math.Round(age, 3) : null, info?.Schema, info?.ApiExtensions, info?.Architecture,
            info?.FailureDomain, version, raft?.Term, raft?.LastIndex, raft?.LastTerm, raft?.Errors.Count ?? 0, raft?.DiskFreeBytes,
            m.Disagreements, agent?.Report.AgentId, agent?.IsUp(now) ?? false, m);
    }

    /// <summary>Every up agent's fan peers: the member×member fan matrix, one row per reporting member.</summary>
    private static List<FanEdge> FanEdges(IReadOnlyList<AgentSnapshot> up) => Matrix(up, a => a.FanEdges, e => e.From, e => e.To);

    private static List<ReachabilityEdge> Edges(IReadOnlyList<AgentSnapshot> up) => Matrix(up, a => a.Edges, e => e.From, e => e.To);

    /// <summary>The agents' rows (each already in peer order) by observer, as one list ordered by (from, to).</summary>
    private static List<T> Matrix<T>(IReadOnlyList<AgentSnapshot> up, Func<AgentSnapshot, IReadOnlyList<T>> row, Func<T, string> from, Func<T, string> to)
    {
        var rows = up.Where(a => row(a).Count > 0).OrderBy(a => a.Observer, StringComparer.Ordinal).ToList();
        var cells = rows.SelectMany(row).ToList();
        var shared = rows.Count > 1 && rows.Zip(rows.Skip(1)).Any(p => p.First.Observer == p.Second.Observer);
        // Two agents claiming one member: their rows interleave, as a sort of all cells puts them.
        return shared ? cells.OrderBy(from, StringComparer.Ordinal).ThenBy(to, StringComparer.Ordinal).ToList() : cells;
    }

    private static InventoryView? Inventory(KnownGlobal? global, Dictionary<string, AgentSnapshot> byMember, DateTimeOffset now)
    {
        var counts = new List<InstanceCountView>();
        var covered = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (member, agent) in byMember)
        {
            if (agent.IsUp(now) && agent.Report.Instances is not null)
            {
                covered.Add(member);
                counts.AddRange(agent.InstanceCounts(member));
            }
        }

        if (global is not null)
        {
            counts.AddRange(global.Section.Instances
                .Where(i => !covered.Contains(i.Member))
                .Select(i => new InstanceCountView(i.Member, i.Project, i.Type, "unknown", i.Count)));
        }

        return global is null && counts.Count == 0
            ? null
            : new InventoryView(
                counts.OrderBy(c => c.Member, StringComparer.Ordinal).ThenBy(c => c.Project, StringComparer.Ordinal).ThenBy(c => c.Type, StringComparer.Ordinal).ThenBy(c => c.Status, StringComparer.Ordinal).ToList(),
                global?.Section.Images ?? 0, global?.Section.StoragePools ?? 0, global?.Section.Networks ?? 0, global?.Section.Warnings ?? []);
    }
}
