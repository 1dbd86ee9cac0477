using LxdScope.Contracts;

namespace LxdScope.Collector.Storage;

/// <summary>A validated report on its way into the store: the JSON kept for restarts, and when it arrived.</summary>
public sealed record PendingReport(AgentReport Report, ReadOnlyMemory<byte> Json, DateTimeOffset ReceivedAt);
