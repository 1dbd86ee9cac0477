namespace LxdScope.Collector.State;

/// <summary>When a cluster's status can change with no report arriving.</summary>
internal static class Deadlines
{
    /// <returns>The first such moment after <paramref name="now"/>, or <see cref="DateTimeOffset.MaxValue"/>.</returns>
    public static DateTimeOffset Next(DateTimeOffset now, IEnumerable<AgentSnapshot> agents, ClusterStatus status)
    {
        var next = DateTimeOffset.MaxValue;
        void Consider(DateTimeOffset at)
        {
            if (at > now && at < next)
            {
                next = at;
            }
        }

        foreach (var agent in agents)
        {
            // Up until its lease runs out, then silent; forgotten a day later.
            Consider(agent.ReceivedAt + agent.Lease + TimeSpan.FromMilliseconds(1));
            Consider(agent.ReceivedAt + ClusterRegistry.ForgetAfter + TimeSpan.FromMilliseconds(1));
        }

        var threshold = TimeSpan.FromSeconds(status.OfflineThresholdSeconds);
        foreach (var member in status.Members)
        {
            // LXD calls a member offline once its heartbeat is as old as the threshold.
            if (member.HeartbeatAgeSeconds is { } age && age < threshold.TotalSeconds)
            {
                Consider(now + threshold - TimeSpan.FromSeconds(age));
            }
        }

        return next;
    }
}
