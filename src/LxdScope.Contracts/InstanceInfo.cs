namespace LxdScope.Contracts;

/// <param name="Type">container or virtual-machine.</param>
/// <param name="Status">Running, Stopped, Frozen, Error, …</param>
public sealed record InstanceInfo(string Name, string Project, string Type, string Status);
