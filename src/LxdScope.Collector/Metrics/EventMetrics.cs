namespace LxdScope.Collector.Metrics;

/// <summary>The cluster's events (docs/metrics.md), counted since the collector started.</summary>
internal static class EventMetrics
{
    public static IReadOnlyList<ClusterFamily> Families { get; } =
    [
        ClusterFamily.Counter("lxdscope_cluster_events_total", "Events seen (member-offline, member-online, quorum-lost, quorum-regained, leader-changed, agent-silent, agent-back).", ["cluster", "kind"], static (c, w) =>
        {
            foreach (var (kind, count) in c.Events)
            {
                w.Sample(count, c.Name, kind);
            }
        }),
    ];
}
