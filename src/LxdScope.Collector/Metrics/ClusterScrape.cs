using LxdScope.Collector.State;

namespace LxdScope.Collector.Metrics;

/// <summary>What one cluster's series are written from: its status as judged now, the leader changes and the events seen since the collector started.</summary>
internal sealed record ClusterScrape(ClusterStatus Status, long LeaderChanges, IReadOnlyList<(string Kind, long Count)> Events)
{
    public string Name => Status.Name;
}
