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

    public Task<IReadOnlyList<ClusterEvent>> EventsAsync(string cluster, int limit, CancellationToken cancellationToken = default) => Task.FromResult<IReadOnlyList<ClusterEvent>>([]);

    public Task<IReadOnlyList<MirrorInfo>> MirrorsAsync(string cluster, CancellationToken cancellationToken = default) => Task.FromResult<IReadOnlyList<MirrorInfo>>([]);

    public Task<MirrorState?> MirrorAsync(string cluster, string database, string member, DateTimeOffset? asOf, bool withRows, CancellationToken cancellationToken = default) => Task.FromResult<MirrorState?>(null);

    public Task<long> MirrorGenerationAsync(string cluster, string database, string member, CancellationToken cancellationToken = default) => Task.FromResult<long>(0);

    public Task<IReadOnlyList<DateTimeOffset>> MirrorVersionsAsync(string cluster, string database, string member, int limit, CancellationToken cancellationToken = default) => Task.FromResult<IReadOnlyList<DateTimeOffset>>([]);

    public Task RecordConsoleQueryAsync(LxdScope.Collector.Audit.ConsoleAuditRecord record, CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task<IReadOnlyList<LxdScope.Collector.Audit.ConsoleAuditRecord>> ConsoleQueriesAsync(DateTimeOffset? since, int limit, CancellationToken cancellationToken = default) => Task.FromResult<IReadOnlyList<LxdScope.Collector.Audit.ConsoleAuditRecord>>([]);

    public Task<bool> IsReadyAsync(CancellationToken cancellationToken = default) => Task.FromResult<bool>(true);
}
