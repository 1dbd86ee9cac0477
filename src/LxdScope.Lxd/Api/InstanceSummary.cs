namespace LxdScope.Lxd.Api;

/// <param name="Type">container or virtual-machine.</param>
/// <param name="Status">Running, Stopped, Frozen, Error, …</param>
/// <param name="Location">The member the instance lives on.</param>
public sealed record InstanceSummary(string Name, string Project, string Type, string Status, string Location);
