using LxdScope.Collector.Mirrors;
using LxdScope.Collector.Storage;
using LxdScope.Contracts;

namespace LxdScope.Collector.Tests.Support;

/// <summary>A store that cannot take writes and may say it is not ready.</summary>
internal sealed class StubStore : ICollectorStore
{
    public bool Ready { get; set; } = true;

    public IReadOnlyList<RecordResult> RecordAll(IReadOnlyList<PendingReport> reports) =>
        throw new StoreUnavailableException("Cannot record a report in /stub: the disk holding the database is full.");

    public IReadOnlyList<StoredReport> LatestReports() => [];

    public void AppendEvents(IReadOnlyList<ClusterEvent> events) => throw new StoreUnavailableException("full");

    public IReadOnlyList<ClusterEvent> Events(string cluster, int limit) => [];

    public IReadOnlyList<MirrorInfo> Mirrors(string cluster) => [];

    public MirrorState? Mirror(string cluster, string database, string member, DateTimeOffset? asOf, bool withRows) => null;

    public IReadOnlyList<DateTimeOffset> MirrorVersions(string cluster, string database, string member, int limit) => [];

    public long MirrorGeneration(string cluster, string database, string member) => 0;

    public void RecordConsoleQuery(LxdScope.Collector.Audit.ConsoleAuditRecord record) =>
        throw new StoreUnavailableException("Cannot record a console query in /stub: the disk holding the database is full.");

    public IReadOnlyList<LxdScope.Collector.Audit.ConsoleAuditRecord> ConsoleQueries(DateTimeOffset? since, int limit) => [];

    public bool IsReady() => Ready;
}
