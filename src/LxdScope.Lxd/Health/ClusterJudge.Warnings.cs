using System.Globalization;
using LxdScope.Lxd.Api;

namespace LxdScope.Lxd.Health;

/// <summary>The warnings' words: what is wrong, with whom, and what it means for the operator.</summary>
public static partial class ClusterJudge
{
    private static IEnumerable<string> QuorumWarnings(ClusterFacts facts, QuorumVerdict q, List<MemberVerdict> members)
    {
        if (!q.Judged)
        {
            yield return "Neither the cluster database nor any reachability probe tells this cluster's state: quorum unknown.";
            yield break;
        }

        if (q.Voters == 0)
        {
            yield return members.Any(m => m.DatabaseRole is null)
                ? "No database voters known: the members' database roles could not be told (see below)."
                : "No database voters known: neither the cluster, the raft files nor raft_nodes name any.";
            yield break;
        }

        var unreachable = q.Unreachable.Count > 0 ? $" (unreachable: {string.Join(", ", q.Unreachable)})" : "";
        if (!q.HasQuorum)
        {
            var live = facts.RowsLive ? "; the database answered a moment ago but cannot keep a majority" : "";
            var recover = q.RecoverFrom is { } r
                ? $". If the others cannot come back, recover from {r} (highest last raft entry): see the quorum-loss runbook."
                : ".";
            yield return $"Database quorum lost: {q.VotersAlive} of {q.Voters} voters alive{unreachable}{live}{recover}";
        }
        else if (q.FailureTolerance == 0)
        {
            yield return $"Database quorum at risk: {q.VotersAlive} of {q.Voters} voters alive{unreachable}; one more failure loses it.";
        }
        else if (!facts.RowsLive)
        {
            yield return $"{q.VotersAlive} of {q.Voters} voters are reachable, so quorum may hold; the database itself did not answer.";
        }
    }

    private static IEnumerable<string> MemberWarnings(ClusterFacts facts, MemberVerdict m, List<ReachabilityProbe> seen)
    {
        var who = $"{m.Name} ({m.Address})";
        var threshold = facts.OfflineThreshold.TotalSeconds.ToString("0", CultureInfo.InvariantCulture);
        var port = seen.FirstOrDefault(p => !p.Reachable)?.Error ?? "no answer";
        if (m.LxdStatus is { } status)
        {
            yield return $"{who}: {facts.Product} reports the status \"{status}\" ({m.Message}), which LxdScope does not know; shown as {facts.Product} said.";
        }
        else
        {
            switch (m.State)
            {
                case MemberState.Offline:
                    yield return $"{who} is OFFLINE: {LowerFirst(m.Message)} (threshold {threshold} s){(m.Reachable == false ? $"; its cluster port: {port}" : "")}.";
                    break;
                case MemberState.Blocked:
                    yield return $"{who} is BLOCKED: it runs an older {facts.Product} than the other members and waits for them.";
                    break;
                case MemberState.Evacuated:
                    yield return $"{who} is EVACUATED: its instances were moved away for maintenance.";
                    break;
                case MemberState.Evacuating:
                    yield return $"{who} is EVACUATING: its instances are being moved away.";
                    break;
                case MemberState.Restoring:
                    yield return $"{who} is RESTORING: its instances are coming back.";
                    break;
                case MemberState.Pending:
                    yield return $"{who} is PENDING: accepted but it never finished joining.";
                    break;
                case MemberState.Unreachable:
                    yield return $"{who} is UNREACHABLE: {m.Message}.";
                    break;
                case MemberState.Online when m.Reachable == false:
                    yield return $"{who} is ONLINE by its last heartbeat ({MemberRules.FormatAge(m.HeartbeatAge ?? TimeSpan.Zero)} ago) but its cluster port: {port}; {facts.Product} will mark it OFFLINE once the heartbeat is {threshold} s old.";
                    break;
            }
        }

        var unknownRoles = m.Roles.Where(r => !DatabaseRoles.Known.Contains(r)).ToList();
        if (unknownRoles.Count > 0)
        {
            yield return $"{who} has the role{(unknownRoles.Count > 1 ? "s" : "")} {string.Join(", ", unknownRoles.Select(r => $"\"{r}\""))}, which LxdScope does not know; shown as {facts.Product} listed {(unknownRoles.Count > 1 ? "them" : "it")}.";
        }

        if (m.DatabaseRole is null)
        {
            yield return $"{who}: its database role cannot be told from what {facts.Product} and its files say; it is counted neither as a voter nor as a spare.";
        }

        foreach (var d in m.Disagreements)
        {
            yield return $"{m.Name}: {d}.";
        }
    }

    private static string LowerFirst(string s) => s.Length > 0 ? char.ToLowerInvariant(s[0]) + s[1..] : s;
}
