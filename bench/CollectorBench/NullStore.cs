using LxdScope.Collector.Storage;
using LxdScope.Contracts;

/// <summary>For the scrape benchmark: state without a database, so only the metrics path is measured.</summary>
internal sealed class NullStore : ICollectorStore
{
    public IngestOutcome Record(AgentReport report, ReadOnlyMemory<byte> json, DateTimeOffset receivedAt) => IngestOutcome.Accepted;

    public IReadOnlyList<StoredReport> LatestReports() => [];

    public void AppendEvents(IReadOnlyList<ClusterEvent> events)
    {
    }

    public IReadOnlyList<ClusterEvent> Events(string cluster, int limit) => [];

    public IReadOnlyList<long> Sequences(string agentId, string epoch) => [];

    public bool IsReady() => true;
}
