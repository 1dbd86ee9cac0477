using LxdScope.Contracts;

namespace LxdScope.Collector.Storage;

/// <summary>One accepted report and its position in the shared feed.</summary>
public sealed record FeedReport(long Position, AgentReport Report, DateTimeOffset ReceivedAt);
