using LxdScope.Collector.Audit;
using LxdScope.Collector.Mirrors;
using LxdScope.Contracts;

namespace LxdScope.Collector.Storage;

/// <summary>
/// The collector's durable state (an embedded SQLite file by default). What readers ask for is
/// asynchronous, so a request waiting on the database holds no thread. Two calls stay synchronous
/// by design: <see cref="RecordAll"/> runs on the group commit's own thread, and
/// <see cref="AppendEvents"/> on the thread that judged (never under the state lock).
/// <see cref="LatestReports"/> is read once, before the collector listens.
/// </summary>
public interface ICollectorStore
{
    /// <summary>
    /// Records reports in one transaction, durable before any of them is acknowledged: one commit
    /// (one fsync) for all. Each is recorded as if alone and in the order given: a report whose
    /// sequence is at or below the last one recorded for its agent in the same epoch (earlier in
    /// the same call included) is a duplicate and changes nothing. As a report's agent's latest,
    /// its JSON is kept for restarts.
    /// </summary>
    /// <returns>One result per report, in the order given.</returns>
    /// <exception cref="StoreUnavailableException">The database cannot be written (disk full, read-only, …): none was recorded.</exception>
    IReadOnlyList<RecordResult> RecordAll(IReadOnlyList<PendingReport> reports);

    /// <summary>The latest report of every agent, to rebuild state after a restart.</summary>
    IReadOnlyList<StoredReport> LatestReports();

    void AppendEvents(IReadOnlyList<ClusterEvent> events);

    /// <summary>Newest first.</summary>
    Task<IReadOnlyList<ClusterEvent>> EventsAsync(string cluster, int limit, CancellationToken cancellationToken = default);

    /// <summary>The mirrored LXD databases of a cluster.</summary>
    Task<IReadOnlyList<MirrorInfo>> MirrorsAsync(string cluster, CancellationToken cancellationToken = default);

    /// <summary>A mirrored database as it was at <paramref name="asOf"/> (null: the latest), or null when never mirrored.</summary>
    /// <param name="withRows">Load the rows too; without them the result still identifies the content (<see cref="MirrorState.Key"/>).</param>
    Task<MirrorState?> MirrorAsync(string cluster, string database, string member, DateTimeOffset? asOf, bool withRows, CancellationToken cancellationToken = default);

    /// <summary>
    /// Changes whenever a report touches the mirrored database (a new version or a confirmation):
    /// while it stays the same, a copy of the latest content read earlier is still current.
    /// </summary>
    Task<long> MirrorGenerationAsync(string cluster, string database, string member, CancellationToken cancellationToken = default);

    /// <summary>The moments a mirrored database changed, newest first.</summary>
    Task<IReadOnlyList<DateTimeOffset>> MirrorVersionsAsync(string cluster, string database, string member, int limit, CancellationToken cancellationToken = default);

    /// <summary>Keeps the audit record of a console request durably (deleted after the retention, like events).</summary>
    /// <exception cref="StoreUnavailableException">The database cannot be written.</exception>
    Task RecordConsoleQueryAsync(ConsoleAuditRecord record, CancellationToken cancellationToken = default);

    /// <summary>Console audit records at or after <paramref name="since"/> (all kept, when null), newest first.</summary>
    Task<IReadOnlyList<ConsoleAuditRecord>> ConsoleQueriesAsync(DateTimeOffset? since, int limit, CancellationToken cancellationToken = default);

    /// <summary>True when the database answers a trivial read.</summary>
    Task<bool> IsReadyAsync(CancellationToken cancellationToken = default);
}
