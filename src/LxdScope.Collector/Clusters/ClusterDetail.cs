using LxdScope.Collector.State;
using LxdScope.Collector.Storage;

namespace LxdScope.Collector.Clusters;

/// <summary>A cluster's full status and its recent events (newest first).</summary>
internal sealed record ClusterDetail(ClusterStatus Status, IReadOnlyList<ClusterEvent> Events);
