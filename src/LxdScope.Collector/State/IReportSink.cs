using LxdScope.Contracts;

namespace LxdScope.Collector.State;

/// <summary>Where an accepted, stored report goes next: the one place that turns reports into cluster state and metrics.</summary>
public interface IReportSink
{
    /// <summary>Called once per newly accepted report (never for duplicates), in arrival order per agent.</summary>
    void Apply(AgentReport report, DateTimeOffset receivedAt);
}
