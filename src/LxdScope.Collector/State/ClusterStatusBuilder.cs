using LxdScope.Contracts;
using LxdScope.Lxd.Global;
using LxdScope.Lxd.Health;
using LxdScope.Lxd.Local;
using LxdScope.Lxd.Raft;

namespace LxdScope.Collector.State;

/// <summary>
/// Merges the agents of one cluster into one status, with LXD's own rules (<see cref="MemberRules"/>,
/// <see cref="Quorum"/>). The global database is the truth while some agent can read it; when none
/// can (quorum lost), members come from the last view and their liveness from the agents' probes
/// of each other, and the raft positions the agents read from disk say whom to recover from.
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
        var probes = Probes(up);
        var warnings = new List<string>();

        List<MemberView> members;
        string source;
        if (fresh is not null)
        {
            source = "global";
            members = FromGlobal(fresh, byMember, now);
        }
        else
        {
            source = global is not null ? "last-known" : "agents";
            members = FromAgents(global, agents, byMember, probes, now);
            warnings.Add(global is not null
                ? $"No agent can read the cluster database now; members are from the view of {MemberRules.FormatAge(now - global.CollectedAt)} ago, their state from the agents' probes."
                : "No agent has read the cluster database yet; members come from the raft configuration.");
        }

        var quorum = JudgeQuorum(members, fresh, agents, probes, now);
        var threshold = global?.Section.OfflineThresholdSeconds ?? GlobalSnapshot.DefaultOfflineThreshold.TotalSeconds;
        Warn(warnings, members, quorum, agents, now);

        return new ClusterStatus(
            cluster,
            now,
            source,
            global is null ? null : Math.Round((now - global.CollectedAt).TotalSeconds, 3),
            global?.AgentId,
            threshold,
            members,
            quorum,
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

    /// <summary>address → what each up agent's probe found.</summary>
    private static Dictionary<string, List<PeerProbe>> Probes(IReadOnlyList<AgentSnapshot> up)
    {
        var map = new Dictionary<string, List<PeerProbe>>(StringComparer.Ordinal);
        foreach (var p in up.SelectMany(a => a.Report.Reachability?.Peers ?? []))
        {
            if (!map.TryGetValue(p.Address, out var list))
            {
                map[p.Address] = list = [];
            }

            list.Add(p);
        }

        return map;
    }

    private static List<MemberView> FromGlobal(KnownGlobal fresh, Dictionary<string, AgentSnapshot> byMember, DateTimeOffset now)
    {
        var section = fresh.Section;
        var threshold = TimeSpan.FromSeconds(section.OfflineThresholdSeconds);
        var newest = MemberVersion.Newest(section.Members.Select(m => new MemberVersion(m.Schema, m.ApiExtensions)));
        var clusterRoles = section.Members
            .Where(m => m.DatabaseRole is not null)
            .ToDictionary(m => m.Address, m => ParseRole(m.DatabaseRole!), StringComparer.Ordinal);
        return section.Members.Select(m =>
        {
            // Judged at the moment the agent read the database, so a report's transit time
            // cannot make a member look offline.
            var status = MemberRules.Evaluate(
                new GlobalMember(m.Id, m.Name, m.Address, m.Schema, m.ApiExtensions, m.Heartbeat, m.StateCode, 0, m.FailureDomain, []),
                newest, threshold, fresh.CollectedAt);
            byMember.TryGetValue(m.Name, out var agent);
            var disagreements = agent?.Report.Local is { } local && clusterRoles.Count > 0
                ? MembershipCheck.Compare(ToLocal(local), clusterRoles, "the cluster")
                : [];
            return View(m.Name, m.Address, m.Roles, m.DatabaseRole, status.State.ToString().ToUpperInvariant(), status.Message,
                m.Heartbeat is { } hb ? Math.Round((now - hb).TotalSeconds, 3) : null, m, fresh.Section.ServerVersion, agent, disagreements, now);
        }).ToList();
    }

    private static List<MemberView> FromAgents(
        KnownGlobal? last, IReadOnlyList<AgentSnapshot> agents, Dictionary<string, AgentSnapshot> byMember,
        Dictionary<string, List<PeerProbe>> probes, DateTimeOffset now)
    {
        IEnumerable<(string Name, string Address, IReadOnlyList<string> Roles, string? Role, MemberInfo? Info)> list;
        if (last is not null)
        {
            list = last.Section.Members.Select(m => (m.Name, m.Address, m.Roles, m.DatabaseRole, (MemberInfo?)m));
        }
        else
        {
            var names = agents.SelectMany(a => a.Report.Local?.RaftNodes ?? [])
                .Where(n => n.Name.Length > 0)
                .GroupBy(n => n.Address, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.First().Name, StringComparer.Ordinal);
            list = BestConfiguration(agents).Select(s =>
            {
                var name = names.TryGetValue(s.Address, out var n) ? n : s.Address;
                IReadOnlyList<string> roles = s.Role == "voter" ? ["database"] : s.Role == "stand-by" ? ["database-standby"] : [];
                return (name, s.Address, roles, (string?)s.Role, (MemberInfo?)null);
            });
        }

        return list.Select(m =>
        {
            var seen = probes.TryGetValue(m.Address, out var p) ? p : [];
            var reachable = seen.Any(x => x.Reachable);
            var state = seen.Count == 0 ? "UNKNOWN" : reachable ? "REACHABLE" : "UNREACHABLE";
            var message = seen.Count == 0
                ? "No agent probed it"
                : reachable
                    ? $"Reachable from {seen.Count(x => x.Reachable)} of {seen.Count} agents; the database does not answer"
                    : $"Unreachable from all {seen.Count} agents probing it: {seen[0].Error}";
            byMember.TryGetValue(m.Name, out var agent);
            return View(m.Name, m.Address, m.Roles, m.Role, state, message,
                m.Info?.Heartbeat is { } hb ? Math.Round((now - hb).TotalSeconds, 3) : null, m.Info, last?.Section.ServerVersion, agent, [], now);
        }).ToList();
    }

    private static MemberView View(
        string name, string address, IReadOnlyList<string> roles, string? role, string state, string message, double? heartbeatAge,
        MemberInfo? info, string? version, AgentSnapshot? agent, IReadOnlyList<string> disagreements, DateTimeOffset now)
    {
        var raft = agent?.Report.Raft;
        return new MemberView(
            name, address, roles, role, state, message, heartbeatAge, info?.Schema, info?.ApiExtensions, info?.Architecture,
            info?.FailureDomain, version, raft?.Term, raft?.LastIndex, raft?.LastTerm, raft?.Errors.Count ?? 0, raft?.DiskFreeBytes,
            disagreements, agent?.Report.AgentId, agent?.IsUp(now) ?? false);
    }

    /// <summary>The raft configuration of the agent whose log is furthest ahead.</summary>
    private static IReadOnlyList<RaftServerInfo> BestConfiguration(IReadOnlyList<AgentSnapshot> agents) =>
        agents.Where(a => a.Report.Raft is { Configuration.Count: > 0 })
            .OrderByDescending(a => new RaftPosition(a.Report.Raft!.LastTerm ?? 0, a.Report.Raft.LastIndex ?? 0))
            .Select(a => a.Report.Raft!.Configuration)
            .FirstOrDefault()
        ?? agents.SelectMany(a => a.Report.Local?.RaftNodes ?? [])
            .GroupBy(n => n.Address, StringComparer.Ordinal)
            .Select(g => new RaftServerInfo((ulong)g.First().Id, g.Key, g.First().Role))
            .ToList();

    private static QuorumView JudgeQuorum(
        List<MemberView> members, KnownGlobal? fresh, IReadOnlyList<AgentSnapshot> agents, Dictionary<string, List<PeerProbe>> probes, DateTimeOffset now)
    {
        var voters = members.Where(m => m.DatabaseRole == "voter").ToList();
        var unreachable = voters
            .Where(v => probes.TryGetValue(v.Address, out var p) && p.Count > 0 && p.All(x => !x.Reachable))
            .Select(v => v.Name)
            .ToList();
        int alive;
        string basis;
        if (fresh is not null)
        {
            // A dead voter keeps a fresh heartbeat for up to the offline threshold; every agent
            // failing to connect to it tells sooner.
            alive = voters.Count(v => v.State != "OFFLINE" && !unreachable.Contains(v.Name));
            basis = "the cluster database answered an agent; voters alive by heartbeat and the agents' probes";
        }
        else if (probes.Count == 0)
        {
            // No agent reports (a collector cut off from them all, say): that is not a lost quorum.
            return new QuorumView(voters.Count, 0, false, 0, null, "no agent reports: quorum unknown", [], null, Judged: false);
        }
        else
        {
            alive = voters.Count(v => v.State == "REACHABLE");
            basis = "no agent can read the cluster database; voters alive by the agents' probes";
        }

        var q = Quorum.Of(voters.Count, alive);
        string? recoverFrom = null;
        if (!q.HasQuorum)
        {
            recoverFrom = agents.Where(a => a.Report.Raft?.LastIndex is not null && a.Report.Member is not null)
                .OrderByDescending(a => new RaftPosition(a.Report.Raft!.LastTerm ?? 0, a.Report.Raft.LastIndex ?? 0))
                .ThenByDescending(a => a.IsUp(now))
                .Select(a => a.Report.Member)
                .FirstOrDefault();
        }

        return new QuorumView(voters.Count, alive, q.HasQuorum, q.FailureTolerance, fresh?.Section.Leader, basis, unreachable, recoverFrom);
    }

    /// <summary>Every up agent's fan peers: the member×member fan matrix, one row per reporting member.</summary>
    private static List<FanEdge> FanEdges(IReadOnlyList<AgentSnapshot> up) =>
        up.Where(a => a.Report.Fan is not null)
            .SelectMany(a => a.Report.Fan!.Peers.Select(p => new FanEdge(a.Report.Member ?? a.Report.AgentId, p.Member ?? p.Vtep, p)))
            .OrderBy(e => e.From, StringComparer.Ordinal)
            .ThenBy(e => e.To, StringComparer.Ordinal)
            .ToList();

    private static List<ReachabilityEdge> Edges(IReadOnlyList<AgentSnapshot> up) =>
        up.Where(a => a.Report.Reachability is not null)
            .SelectMany(a => a.Report.Reachability!.Peers.Select(p => new ReachabilityEdge(
                a.Report.Member ?? a.Report.AgentId, p.Member ?? p.Address, p.Reachable, p.TcpConnectSeconds, p.TlsHandshakeSeconds, p.Error)))
            .OrderBy(e => e.From, StringComparer.Ordinal)
            .ThenBy(e => e.To, StringComparer.Ordinal)
            .ToList();

    private static InventoryView? Inventory(KnownGlobal? global, Dictionary<string, AgentSnapshot> byMember, DateTimeOffset now)
    {
        var counts = new List<InstanceCountView>();
        var covered = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (member, agent) in byMember)
        {
            if (agent.IsUp(now) && agent.Report.Instances is { } instances)
            {
                covered.Add(member);
                counts.AddRange(instances.Instances
                    .GroupBy(i => (i.Project, i.Type, Status: i.Status.ToLowerInvariant()))
                    .Select(g => new InstanceCountView(member, g.Key.Project, g.Key.Type, g.Key.Status, g.Count())));
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

    private static void Warn(List<string> warnings, List<MemberView> members, QuorumView quorum, IReadOnlyList<AgentSnapshot> agents, DateTimeOffset now)
    {
        if (!quorum.Judged)
        {
            warnings.Insert(0, "No agent of this cluster reports: its state is unknown.");
        }
        else if (!quorum.HasQuorum && quorum.Voters > 0)
        {
            warnings.Insert(0, $"Database quorum lost: {quorum.VotersOnline} of {quorum.Voters} voters alive"
                + (quorum.UnreachableVoters.Count > 0 ? $" (unreachable: {string.Join(", ", quorum.UnreachableVoters)})" : "")
                + (quorum.RecoverFrom is { } r ? $". If the others cannot come back, recover from {r} (highest last raft entry): see the quorum-loss runbook." : "."));
        }
        else if (quorum.Voters > 0 && quorum.FailureTolerance == 0)
        {
            warnings.Insert(0, $"Database quorum at risk: {quorum.VotersOnline} of {quorum.Voters} voters alive; one more failure loses it.");
        }

        foreach (var m in members)
        {
            if (m.State is "OFFLINE" or "BLOCKED" or "PENDING" or "UNREACHABLE")
            {
                warnings.Add($"{m.Name} ({m.Address}) is {m.State}: {m.Message}.");
            }

            if (m.RaftLogErrors > 0)
            {
                warnings.Add($"{m.Name}'s raft log has {m.RaftLogErrors} error(s): see its agent's report.");
            }

            warnings.AddRange(m.RaftNodesDisagreements.Select(d => $"{m.Name}: {d}."));
        }

        foreach (var a in agents.Where(a => !a.IsUp(now)))
        {
            warnings.Add($"Agent {a.Report.AgentId} ({a.Report.Member ?? "unknown member"}) silent for {MemberRules.FormatAge(now - a.ReceivedAt)}.");
        }
    }

    private static RaftRole ParseRole(string role) => role switch
    {
        "voter" => RaftRole.Voter,
        "stand-by" => RaftRole.StandBy,
        _ => RaftRole.Spare,
    };

    private static List<LocalRaftNode> ToLocal(LocalDatabaseSection local) =>
        local.RaftNodes.Select(n => new LocalRaftNode(n.Id, n.Address, ParseRole(n.Role), n.Name)).ToList();
}
