namespace LxdScope.Contracts;

/// <param name="Type">container or virtual-machine.</param>
public sealed record InstanceCountInfo(string Member, string Project, string Type, long Count);
