using LxdScope.Contracts;

namespace LxdScope.Collector.State;

/// <summary>The newest view of the cluster database any agent has sent, kept through outages.</summary>
public sealed record KnownGlobal(GlobalDatabaseSection Section, DateTimeOffset CollectedAt, string AgentId);
