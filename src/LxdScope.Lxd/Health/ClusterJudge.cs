using LxdScope.Lxd.Api;
using LxdScope.Lxd.Forensics;
using LxdScope.Lxd.Global;
using LxdScope.Lxd.Raft;

namespace LxdScope.Lxd.Health;

/// <summary>
/// The one place that decides, from the facts a host or the collector has, each member's database
/// role and state, the quorum, its failure tolerance, the leader, the member to recover from, and
/// the warnings an operator reads. <c>inspect</c> and the collector both ask it.
/// </summary>
/// <remarks>
/// Database roles come, in order, from the members API (while the database answers), the raft
/// configuration in the log, the last API answer remembered, and raft_nodes; a member none of them
/// places is shown with no role and never counted as a spare. States follow LXD's own rules
/// (<see cref="MemberRules"/>) on live rows, and the probes when the database does not answer.
/// </remarks>
public static partial class ClusterJudge
{
    public static ClusterVerdict Judge(ClusterFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var warnings = new List<string>();
        var probes = facts.Probes.GroupBy(p => p.Address, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var reported = (facts.Reported ?? []).GroupBy(m => m.Address, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var rows = facts.Rows ?? [];
        var newest = MemberVersion.Newest(rows.Select(m => new MemberVersion(m.Schema, m.ApiExtensions)));

        var members = Membership(facts).Select(entry =>
        {
            reported.TryGetValue(entry.Address, out var api);
            var role = Role(facts, entry.Address, api);
            probes.TryGetValue(entry.Address, out var seen);
            var reachable = seen is null ? (bool?)null : seen.Any(p => p.Reachable);
            var (state, lxdStatus, message, age) = facts.RowsLive && entry.Row is { } row
                ? FromRow(row, api, newest, facts)
                : FromProbes(seen);
            var alive = facts.RowsLive && entry.Row is not null
                ? state is not (MemberState.Offline or MemberState.Pending) && reachable != false
                : reachable == true;
            IReadOnlyList<string> roles = api is not null && facts.RowsLive
                ? api.Roles
                : [.. DatabaseRoles.Implied(role), .. entry.Row?.Roles ?? []];
            return new MemberVerdict(entry.Name, entry.Address, role, roles, state, lxdStatus, message, age, alive, reachable, entry.Row, []);
        }).ToList();

        members = WithDisagreements(facts, members, out var unowned);
        var quorum = JudgeQuorum(facts, members, reported.Values);
        warnings.AddRange(QuorumWarnings(facts, quorum, members));
        foreach (var m in members)
        {
            warnings.AddRange(MemberWarnings(facts, m, probes.TryGetValue(m.Address, out var seen) ? seen : []));
        }

        warnings.AddRange(unowned);

        return new ClusterVerdict(members, quorum, warnings);
    }

    /// <summary>
    /// Who is in the cluster: the live nodes table; without it, the rows last known or rebuilt, in
    /// their order, then anyone the raft configuration (or, lacking it, raft_nodes) names besides.
    /// </summary>
    private static List<(string Name, string Address, GlobalMember? Row)> Membership(ClusterFacts facts)
    {
        var names = facts.RaftNodes.SelectMany(c => c.Nodes)
            .Where(n => n.Name.Length > 0)
            .GroupBy(n => n.Address, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().Name, StringComparer.Ordinal);
        foreach (var m in facts.Reported ?? [])
        {
            names.TryAdd(m.Address, m.Name);
        }

        var list = (facts.Rows ?? []).Select(r => (r.Name, r.Address, (GlobalMember?)r)).ToList();
        if (facts.RowsLive)
        {
            return list; // the live nodes table is the membership; raft copies may still name a removed member
        }

        var known = list.Select(m => m.Address).ToHashSet(StringComparer.Ordinal);
        IEnumerable<string> raftAddresses = facts.RaftConfiguration.Count > 0
            ? facts.RaftConfiguration.Select(s => s.Address)
            : facts.RaftNodes.SelectMany(c => c.Nodes).Select(n => n.Address);
        foreach (var address in raftAddresses)
        {
            if (known.Add(address))
            {
                list.Add((names.TryGetValue(address, out var n) ? n : address, address, null));
            }
        }

        return list;
    }

    private static RaftRole? Role(ClusterFacts facts, string address, ReportedMember? api)
    {
        if (facts.RowsLive && api?.DatabaseRole is { } fromApi)
        {
            // LXD 3.20-4.14 list no role for a stand-by: "not a voter" may still be one.
            return fromApi != RaftRole.Spare || RaftRoleOf(facts, address) is not RaftRole.StandBy ? fromApi : RaftRole.StandBy;
        }

        if (facts.RaftConfiguration.Count > 0)
        {
            // The log's configuration is complete: a member outside it is not a raft member at all.
            return facts.RaftConfiguration.FirstOrDefault(s => s.Address == address)?.Role ?? RaftRole.Spare;
        }

        return api?.DatabaseRole ?? RaftRoleOf(facts, address);
    }

    /// <summary>What raft_nodes says: a row's role, else spare where a 3.x copy (voters only) leaves the member out, else nothing.</summary>
    private static RaftRole? RaftRoleOf(ClusterFacts facts, string address)
    {
        if (facts.RaftConfiguration.FirstOrDefault(s => s.Address == address) is { } server)
        {
            return server.Role;
        }

        foreach (var copy in facts.RaftNodes)
        {
            if (copy.Nodes.FirstOrDefault(n => n.Address == address) is { } node)
            {
                return node.Role;
            }
        }

        return facts.RaftNodes.Any(c => c.ListsOnlyVoters && c.Nodes.Count > 0) ? RaftRole.Spare : null;
    }

    private static (MemberState State, string? LxdStatus, string Message, TimeSpan? Age) FromRow(
        GlobalMember row, ReportedMember? api, MemberVersion newest, ClusterFacts facts)
    {
        var status = MemberRules.Evaluate(row, newest, facts.OfflineThreshold, facts.RowsReadAt ?? facts.Now);
        var age = row.Heartbeat is { } hb ? facts.Now - hb : (TimeSpan?)null;
        if (api is null)
        {
            return (status.State, null, status.Message, age);
        }

        // LXD's own words where it agrees ("fully operational" in 3.x); its word as given where
        // LxdScope does not know it.
        return MemberStates.FromApiStatus(api.Status) switch
        {
            null => (status.State, api.Status, api.Message, age),
            var s when s == status.State && api.Message.Length > 0 => (status.State, null, api.Message, age),
            _ => (status.State, null, status.Message, age),
        };
    }

    private static (MemberState State, string? LxdStatus, string Message, TimeSpan? Age) FromProbes(List<ReachabilityProbe>? seen)
    {
        if (seen is null || seen.Count == 0)
        {
            return (MemberState.Unknown, null, "Nobody probed it", null);
        }

        var ok = seen.Where(p => p.Reachable).Select(p => p.Observer).ToList();
        var from = seen.Count == 1 ? $"from {seen[0].Observer}" : $"from {ok.Count} of {seen.Count} members";
        // Never fail open: reachable without any certificate check is said to be unverified.
        var unverified = seen.Where(p => p.Reachable).All(p => p.CertificateVerified == false)
            ? " (UNVERIFIED: no prober could check the cluster certificate)"
            : "";
        return ok.Count > 0
            ? (MemberState.Reachable, null, $"Cluster port accepts connections {from}{unverified}; the database does not answer", null)
            : (MemberState.Unreachable, null, $"Cluster port unreachable {(seen.Count == 1 ? from : $"from all {seen.Count} members probing it")}: {seen[0].Error ?? "no answer"}", null);
    }

    /// <summary>
    /// Each raft_nodes copy against the roles judged, put on the member whose copy it is; the
    /// disagreements of a copy whose owner is not a listed member come back on their own.
    /// </summary>
    private static List<MemberVerdict> WithDisagreements(ClusterFacts facts, List<MemberVerdict> members, out List<string> unowned)
    {
        unowned = [];
        var source = facts.RowsLive && facts.Reported is not null ? "the cluster" : "the raft log";
        if (source == "the raft log" && facts.RaftConfiguration.Count == 0)
        {
            return members; // the roles came from raft_nodes themselves: nothing to compare with
        }

        var byName = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        // A 3.x copy lists the voters only: spares missing from it are expected.
        Dictionary<string, RaftRole> Cluster(bool votersOnly) => members
            .Where(m => m.DatabaseRole is { } r && (!votersOnly || r == RaftRole.Voter))
            .ToDictionary(m => m.Address, m => m.DatabaseRole!.Value, StringComparer.Ordinal);
        var all = new Lazy<Dictionary<string, RaftRole>>(() => Cluster(false));
        var voters = new Lazy<Dictionary<string, RaftRole>>(() => Cluster(true));
        // Members' copies are usually the same rows (the leader sends them all): compared once.
        var compared = new List<(RaftNodesCopy Copy, IReadOnlyList<string> Found)>();
        foreach (var copy in facts.RaftNodes)
        {
            var same = compared.FindIndex(c => c.Copy.ListsOnlyVoters == copy.ListsOnlyVoters && c.Copy.Nodes.SequenceEqual(copy.Nodes));
            var found = same >= 0 ? compared[same].Found : MembershipCheck.Compare(copy.Nodes, copy.ListsOnlyVoters ? voters.Value : all.Value, source);
            if (same < 0)
            {
                compared.Add((copy, found));
            }

            if (found.Count == 0)
            {
                continue;
            }

            if (copy.Member is { } owner && members.Any(m => m.Name == owner))
            {
                byName[owner] = [.. byName.TryGetValue(owner, out var list) ? list : [], .. found];
            }
            else
            {
                unowned.AddRange(found);
            }
        }

        return members.Select(m => byName.TryGetValue(m.Name, out var d) ? m with { Disagreements = d } : m).ToList();
    }

    private static QuorumVerdict JudgeQuorum(ClusterFacts facts, List<MemberVerdict> members, IEnumerable<ReportedMember> reported)
    {
        var voters = members.Where(m => m.DatabaseRole == RaftRole.Voter).ToList();
        var unreachable = voters.Where(v => v.Reachable == false).Select(v => v.Name).ToList();
        var alive = voters.Count(v => v.Alive);
        var leader = facts.RowsLive ? facts.Leader ?? reported.FirstOrDefault(r => r.IsLeader)?.Name : null;
        if (!facts.RowsLive && facts.Probes.Count == 0)
        {
            // No database and nobody probing (a collector cut off from every agent): that is not a lost quorum.
            return new QuorumVerdict(voters.Count, 0, false, 0, null, "nothing reports: quorum unknown", [], null, Judged: false);
        }

        var q = Quorum.Of(voters.Count, alive);
        string? recoverFrom = null;
        if (!q.HasQuorum && voters.Count > 0)
        {
            // First of a name: a damaged or half-joined cluster can list one name twice.
            var roles = members.GroupBy(m => m.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().DatabaseRole, StringComparer.Ordinal);
            recoverFrom = RecoveryPlanner.Choose(facts.Progress.Select(p => new RecoveryMember(
                p.Member, "raft position", p.Position, roles.GetValueOrDefault(p.Member)?.ToDisplay(), p.Sound, [], Current: p.Current)))?.Name;
        }

        var basis = facts.RowsLive
            ? $"the cluster database answered; voters alive by heartbeat and {facts.ProbesFrom}"
            : $"the cluster database did not answer; voters alive by {facts.ProbesFrom}";
        return new QuorumVerdict(voters.Count, alive, q.HasQuorum, q.FailureTolerance, leader, basis, unreachable, recoverFrom, Judged: true);
    }
}
