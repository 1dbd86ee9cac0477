using LxdScope.Contracts;

namespace LxdScope.Collector.Storage;

public sealed record StoredReport(AgentReport Report, DateTimeOffset ReceivedAt);
