namespace LxdScope.Collector.Mirrors;

/// <summary>One mirrored database of a cluster and when its content was last confirmed.</summary>
public sealed record MirrorInfo(string Database, string Member, DateTimeOffset ConfirmedAt, string AgentId);
