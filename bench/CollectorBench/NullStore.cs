using LxdScope.Collector.Mirrors;
using LxdScope.Collector.Storage;
using LxdScope.Contracts;

/// <summary>For the scrape benchmark: state without a database, so only the metrics path is measured.</summary>
internal sealed class NullStore : ICollectorStore
{
    public IReadOnlyList<RecordResult> RecordAll(IReadOnlyList<PendingReport> reports) => reports.Select(_ => new RecordResult(IngestOutcome.Accepted, [])).ToList();

    public IReadOnlyList<StoredReport> LatestReports() => [];

    public void AppendEvents(IReadOnlyList<ClusterEvent> events)
    {
    }

    public IReadOnlyList<ClusterEvent> Events(string cluster, int limit) => [];

    public IReadOnlyList<MirrorInfo> Mirrors(string cluster) => [];

    public MirrorState? Mirror(string cluster, string database, string member, DateTimeOffset? asOf, bool withRows) => null;

    public long MirrorGeneration(string cluster, string database, string member) => 0;

    public IReadOnlyList<DateTimeOffset> MirrorVersions(string cluster, string database, string member, int limit) => [];

    public void RecordConsoleQuery(LxdScope.Collector.Audit.ConsoleAuditRecord record)
    {
    }

    public IReadOnlyList<LxdScope.Collector.Audit.ConsoleAuditRecord> ConsoleQueries(DateTimeOffset? since, int limit) => [];

    public bool IsReady() => true;
}
