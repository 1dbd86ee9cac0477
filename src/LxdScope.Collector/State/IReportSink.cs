using LxdScope.Collector.Storage;
using LxdScope.Contracts;

namespace LxdScope.Collector.State;

/// <summary>Where an accepted, stored report goes next: the one place that turns reports into cluster state and metrics.</summary>
internal interface IReportSink
{
    /// <summary>Called once per newly accepted report (never for duplicates), in arrival order per agent.</summary>
    void Apply(AgentReport report, DateTimeOffset receivedAt);

    /// <summary>At start-up, every agent's latest stored report: state as before the restart, no events for it.</summary>
    void Restore(IReadOnlyList<StoredReport> latest);

    /// <summary>A cluster taken over from another collector: its agents' latest stored reports replace whatever was held of it, no events for them.</summary>
    void Adopt(string cluster, IReadOnlyList<StoredReport> latest);

    /// <summary>A cluster another collector judges now: its state and series leave this one.</summary>
    void Forget(string cluster);
}
