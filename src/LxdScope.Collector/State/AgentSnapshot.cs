using LxdScope.Contracts;

namespace LxdScope.Collector.State;

/// <summary>An agent's latest report and when it arrived.</summary>
public sealed record AgentSnapshot(AgentReport Report, DateTimeOffset ReceivedAt)
{
    /// <summary>Three of the agent's own intervals: one late report is no outage.</summary>
    public TimeSpan Lease => TimeSpan.FromSeconds(3 * Math.Max(1, Report.Self.IntervalSeconds));

    public bool IsUp(DateTimeOffset now) => now - ReceivedAt <= Lease;
}
