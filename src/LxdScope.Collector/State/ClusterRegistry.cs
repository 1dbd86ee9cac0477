using System.Collections.Concurrent;
using LxdScope.Contracts;

namespace LxdScope.Collector.State;

/// <summary>Every cluster's latest reports, per agent.</summary>
public sealed class ClusterRegistry : IReportSink
{
    private readonly ConcurrentDictionary<string, StoredLatest> latest = new(StringComparer.Ordinal);

    public void Apply(AgentReport report, DateTimeOffset receivedAt)
    {
        ArgumentNullException.ThrowIfNull(report);
        latest[report.AgentId] = new StoredLatest(report, receivedAt);
    }

    public IReadOnlyCollection<StoredLatest> Latest => latest.Values.ToList();

    public sealed record StoredLatest(AgentReport Report, DateTimeOffset ReceivedAt);
}
