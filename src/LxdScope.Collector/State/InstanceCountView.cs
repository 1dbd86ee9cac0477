namespace LxdScope.Collector.State;

public sealed record InstanceCountView(string Member, string Project, string Type, string Status, long Count);
