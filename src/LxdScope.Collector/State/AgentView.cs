using LxdScope.Contracts;

namespace LxdScope.Collector.State;

/// <param name="Up">Reported within its lease (three of its intervals).</param>
public sealed record AgentView(
    string AgentId,
    string? Member,
    bool Up,
    DateTimeOffset LastReportAt,
    double LastReportAgeSeconds,
    long Sequence,
    IReadOnlyList<CollectorResult> Collectors,
    AgentSelfSection Self);
