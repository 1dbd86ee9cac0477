using LxdScope.Contracts;

namespace LxdScope.Collector.Sql;

/// <summary>
/// Chooses, per cluster, the one agent that sends the global database's content, so LXD serves
/// it once per cluster instead of once per member. The choice sticks while that agent keeps
/// sending; when it has been silent for <see cref="Patience"/>, the next agent whose LXD answers
/// takes over. Kept in memory: after a restart the first agent to report is chosen again.
/// </summary>
public sealed class GlobalContentElection(TimeProvider time)
{
    /// <summary>Three of the agents' default content intervals: one lost report does not cause a change.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    private readonly Lock gate = new();
    private readonly Dictionary<string, (string AgentId, DateTimeOffset Heard)> chosen = new(StringComparer.Ordinal);

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
                    if (sent)
                    {
                        chosen[report.Cluster] = (report.AgentId, receivedAt);
                    }

                    return true;
                }

                if (time.GetUtcNow() - current.Heard < Patience)
                {
                    return false;
                }
            }

            // Only an agent that could read the global database this cycle is worth choosing.
            if (report.Global is null && !sent)
            {
                return false;
            }

            chosen[report.Cluster] = (report.AgentId, receivedAt);
            return true;
        }
    }
}
