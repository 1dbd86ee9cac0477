using LxdScope.Collector.Storage;
using LxdScope.Lxd.Health;

namespace LxdScope.Collector.State;

/// <summary>What changed between two evaluations of a cluster, as events an operator reads in a timeline.</summary>
internal static class EventDetector
{
    private static bool IsDown(MemberView m) => m.Verdict.State is MemberState.Offline or MemberState.Unreachable;

    /// <param name="lastLeader">The last leader seen (kept through leaderless spells, so an election after quorum loss counts once).</param>
    /// <param name="seenAt">When the change was seen, when that is earlier than the evaluation (the report that brought it).</param>
    public static List<ClusterEvent> Diff(ClusterStatus? previous, ClusterStatus current, string? lastLeader, DateTimeOffset? seenAt = null)
    {
        ArgumentNullException.ThrowIfNull(current);
        var events = new List<ClusterEvent>();
        var at = seenAt ?? current.EvaluatedAt;
        var cluster = current.Name;
        if (current.Quorum.Leader is { } leader && lastLeader is not null && leader != lastLeader)
        {
            events.Add(new(cluster, at, "leader-changed", leader, $"Database leader changed from {lastLeader} to {leader}."));
        }

        if (previous is null)
        {
            return events;
        }

        var before = previous.Members.ToDictionary(m => m.Name, StringComparer.Ordinal);
        foreach (var m in current.Members)
        {
            // UNKNOWN is the collector not knowing, not the member changing.
            if (!before.TryGetValue(m.Name, out var was) || was.State == m.State || was.Verdict.State == MemberState.Unknown || m.Verdict.State == MemberState.Unknown)
            {
                continue;
            }

            var kind = IsDown(m) ? "member-offline"
                : m.Verdict.State.IsUp() && IsDown(was) ? "member-online"
                : "member-state";
            events.Add(new(cluster, at, kind, m.Name, $"{m.Name} went from {was.State} to {m.State}: {m.Message}."));
        }

        if (previous.Quorum.Judged && current.Quorum.Judged && previous.Quorum.Voters > 0 && current.Quorum.Voters > 0 && previous.Quorum.HasQuorum != current.Quorum.HasQuorum)
        {
            events.Add(current.Quorum.HasQuorum
                ? new(cluster, at, "quorum-regained", null, $"Database quorum regained: {current.Quorum.VotersOnline} of {current.Quorum.Voters} voters alive.")
                : new(cluster, at, "quorum-lost", null, $"Database quorum lost: {current.Quorum.VotersOnline} of {current.Quorum.Voters} voters alive."));
        }

        var agentsBefore = previous.Agents.ToDictionary(a => a.AgentId, StringComparer.Ordinal);
        foreach (var a in current.Agents)
        {
            if (agentsBefore.TryGetValue(a.AgentId, out var was) && was.Up != a.Up)
            {
                events.Add(a.Up
                    ? new(cluster, at, "agent-back", a.Member, $"Agent {a.AgentId} reports again.")
                    : new(cluster, at, "agent-silent", a.Member, $"Agent {a.AgentId} has not reported for {a.LastReportAgeSeconds:0} s."));
            }
        }

        return events;
    }
}
