using LxdScope.Collector.Audit;
using LxdScope.Collector.Mirrors;
using LxdScope.Collector.Storage;
using LxdScope.Contracts;

namespace LxdScope.Collector.Tests.Support;

/// <summary>A real store whose console audit cannot be written, as on a full disk; everything else works.</summary>
internal sealed class AuditFailingStore(SqliteCollectorStore inner) : ICollectorStore, IDisposable
{
    public Task RecordConsoleQueryAsync(ConsoleAuditRecord record, CancellationToken cancellationToken = default) =>
        throw new StoreUnavailableException("Cannot record a console query in /stub: the disk holding the database is full.");

    public Task<IReadOnlyList<ConsoleAuditRecord>> ConsoleQueriesAsync(DateTimeOffset? since, int limit, CancellationToken cancellationToken = default) => inner.ConsoleQueriesAsync(since, limit, cancellationToken);

    public IReadOnlyList<RecordResult> RecordAll(IReadOnlyList<PendingReport> reports) => inner.RecordAll(reports);

    public IReadOnlyList<StoredReport> LatestReports() => inner.LatestReports();

    public void AppendEvents(IReadOnlyList<ClusterEvent> events) => inner.AppendEvents(events);

    public Task<IReadOnlyList<ClusterEvent>> EventsAsync(string cluster, int limit, CancellationToken cancellationToken = default) => inner.EventsAsync(cluster, limit, cancellationToken);

    public Task<IReadOnlyList<MirrorInfo>> MirrorsAsync(string cluster, CancellationToken cancellationToken = default) => inner.MirrorsAsync(cluster, cancellationToken);

    public Task<MirrorState?> MirrorAsync(string cluster, string database, string member, DateTimeOffset? asOf, bool withRows, CancellationToken cancellationToken = default) => inner.MirrorAsync(cluster, database, member, asOf, withRows, cancellationToken);

    public Task<long> MirrorGenerationAsync(string cluster, string database, string member, CancellationToken cancellationToken = default) => inner.MirrorGenerationAsync(cluster, database, member, cancellationToken);

    public Task<IReadOnlyList<DateTimeOffset>> MirrorVersionsAsync(string cluster, string database, string member, int limit, CancellationToken cancellationToken = default) => inner.MirrorVersionsAsync(cluster, database, member, limit, cancellationToken);

    public Task<bool> IsReadyAsync(CancellationToken cancellationToken = default) => inner.IsReadyAsync(cancellationToken);

    public void Dispose() => inner.Dispose();

    internal SqliteCollectorStore Inner => inner;
}
