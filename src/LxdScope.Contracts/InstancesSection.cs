namespace LxdScope.Contracts;

/// <summary>Instances on this member, from the local LXD API, and LXD's own /1.0/metrics.</summary>
/// <param name="MetricsText">LXD's Prometheus exposition text for this member's instances, as LXD served it (bounded in size by the agent).</param>
public sealed record InstancesSection(IReadOnlyList<InstanceInfo> Instances, string? MetricsText);
