namespace LxdScope.Collector.Storage;

/// <summary>Something that happened to a cluster, as the collector saw it.</summary>
/// <param name="Kind">member-offline, member-online, quorum-lost, quorum-regained, leader-changed, agent-silent, agent-back.</param>
/// <param name="Member">The member concerned, if any.</param>
public sealed record ClusterEvent(string Cluster, DateTimeOffset Time, string Kind, string? Member, string Message);
