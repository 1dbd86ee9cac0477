using LxdScope.Contracts;

namespace LxdScope.Collector.Mirrors;

/// <summary>
/// Chooses, per cluster, the one agent that sends the global database's content, so LXD serves
/// it once per cluster instead of once per member. The choice sticks while that agent keeps
/// sending; when it has been silent for <see cref="Patience"/>, the next agent whose LXD answers
/// takes over (or, when nobody was chosen yet, any agent that reads its raft files). Kept in memory: after a restart the first agent to report is chosen again.
/// </summary>
internal sealed class GlobalContentElection(TimeProvider time)
{
    /// <summary>Three of the agents' default content intervals: one lost report does not cause a change.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    private readonly Lock gate = new();
    // Live: the chosen agent's LXD answered in its latest report (else it sends a rebuild from its raft files).
    private readonly Dictionary<string, (string AgentId, DateTimeOffset Heard, bool Live)> chosen = new(StringComparer.Ordinal);

    /// <returns>True when this report's agent is (now) the one to send the global content.</returns>
    public bool Elect(AgentReport report, DateTimeOffset receivedAt)
    {
        ArgumentNullException.ThrowIfNull(report);
        lock (gate)
        {
            var sent = report.Content?.Global is not null;
            if (chosen.TryGetValue(report.Cluster, out var current))
            {
                if (current.AgentId == report.AgentId)
                {
                    chosen[report.Cluster] = (report.AgentId, sent ? receivedAt : current.Heard, report.Global is not null);
                    return true;
                }

                // Files are the fallback: an agent whose LXD answers replaces one that rebuilds
                // from its raft files (its member may be the one that is down, its log behind).
                var liveReplacesFiles = !current.Live && report.Global is not null;
                if (time.GetUtcNow() - current.Heard < Patience && !liveReplacesFiles)
                {
                    return false;
                }
            }

            // Best an agent whose LXD answered this cycle; with nobody chosen yet (a collector
            // started during an outage), one that can read its raft files will do: it rebuilds
            // the global database from them.
            if (report.Global is null && !sent && (current.AgentId is not null || report.Raft is null))
            {
                return false;
            }

            chosen[report.Cluster] = (report.AgentId, receivedAt, report.Global is not null);
            return true;
        }
    }
}
