namespace LxdScope.Collector.Metrics;

/// <summary>
/// Every per-cluster family, in the order of the scrape: members and quorum, reachability,
/// inventory, agents, fan, events. Each family is written for every cluster
/// asked for (one, for a cluster's own target) before the next family, as the exposition format
/// wants a family's samples together.
/// </summary>
internal static class ClusterFamilies
{
    /// <summary>Flushed after a cluster once this much is buffered, so memory holds about one cluster's text.</summary>
    private const int FlushBytes = 64 * 1024;

    public static IReadOnlyList<ClusterFamily> All { get; } =
    [
        .. MemberMetrics.Families,
        .. ReachabilityMetrics.Families,
        .. InventoryMetrics.Families,
        .. AgentMetrics.Families,
        .. FanMetrics.Families,
        .. EventMetrics.Families,
    ];

    public static async Task WriteAsync(IReadOnlyList<ClusterScrape> clusters, ExpositionWriter writer, CancellationToken ct)
    {
        foreach (var family in All)
        {
            writer.Begin(family.Family);
            foreach (var cluster in clusters)
            {
                family.Write(cluster, writer);
                if (writer.Unflushed >= FlushBytes)
                {
                    await writer.FlushAsync(ct);
                }
            }
        }
    }
}
