using LxdScope.Collector.Audit;
using LxdScope.Collector.Mirrors;
using LxdScope.Collector.Storage;
using LxdScope.Contracts;

namespace LxdScope.Collector.Tests.Support;

/// <summary>A real store whose console audit cannot be written, as on a full disk; everything else works.</summary>
internal sealed class AuditFailingStore(SqliteCollectorStore inner) : ICollectorStore, IDisposable
{
    public void RecordConsoleQuery(ConsoleAuditRecord record) =>
        throw new StoreUnavailableException("Cannot record a console query in /stub: the disk holding the database is full.");

    public IReadOnlyList<ConsoleAuditRecord> ConsoleQueries(DateTimeOffset? since, int limit) => inner.ConsoleQueries(since, limit);

    public IReadOnlyList<RecordResult> RecordAll(IReadOnlyList<PendingReport> reports) => inner.RecordAll(reports);

    public IReadOnlyList<StoredReport> LatestReports() => inner.LatestReports();

    public void AppendEvents(IReadOnlyList<ClusterEvent> events) => inner.AppendEvents(events);

    public IReadOnlyList<ClusterEvent> Events(string cluster, int limit) => inner.Events(cluster, limit);

    public IReadOnlyList<MirrorInfo> Mirrors(string cluster) => inner.Mirrors(cluster);

    public MirrorState? Mirror(string cluster, string database, string member, DateTimeOffset? asOf, bool withRows) => inner.Mirror(cluster, database, member, asOf, withRows);

    public long MirrorGeneration(string cluster, string database, string member) => inner.MirrorGeneration(cluster, database, member);

    public IReadOnlyList<DateTimeOffset> MirrorVersions(string cluster, string database, string member, int limit) => inner.MirrorVersions(cluster, database, member, limit);

    public bool IsReady() => inner.IsReady();

    public void Dispose() => inner.Dispose();

    internal SqliteCollectorStore Inner => inner;
}
