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

    public Task<IReadOnlyList<ClusterEvent>> EventsAsync(string cluster, int limit, CancellationToken cancellationToken = default) => Task.FromResult<IReadOnlyList<ClusterEvent>>([]);

    public Task<IReadOnlyList<MirrorInfo>> MirrorsAsync(string cluster, CancellationToken cancellationToken = default) => Task.FromResult<IReadOnlyList<MirrorInfo>>([]);

    public Task<MirrorState?> MirrorAsync(string cluster, string database, string member, DateTimeOffset? asOf, bool withRows, CancellationToken cancellationToken = default) => Task.FromResult<MirrorState?>(null);

    public Task<IReadOnlyList<DateTimeOffset>> MirrorVersionsAsync(string cluster, string database, string member, int limit, CancellationToken cancellationToken = default) => Task.FromResult<IReadOnlyList<DateTimeOffset>>([]);

    public Task<long> MirrorGenerationAsync(string cluster, string database, string member, CancellationToken cancellationToken = default) => Task.FromResult<long>(0);

    public Task RecordConsoleQueryAsync(LxdScope.Collector.Audit.ConsoleAuditRecord record, CancellationToken cancellationToken = default) =>
        throw new StoreUnavailableException("Cannot record a console query in /stub: the disk holding the database is full.");

    public Task<IReadOnlyList<LxdScope.Collector.Audit.ConsoleAuditRecord>> ConsoleQueriesAsync(DateTimeOffset? since, int limit, CancellationToken cancellationToken = default) => Task.FromResult<IReadOnlyList<LxdScope.Collector.Audit.ConsoleAuditRecord>>([]);

    public Task<bool> IsReadyAsync(CancellationToken cancellationToken = default) => Task.FromResult<bool>(Ready);
}
