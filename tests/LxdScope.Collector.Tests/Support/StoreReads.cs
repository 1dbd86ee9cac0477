using LxdScope.Collector.Audit;
using LxdScope.Collector.Mirrors;
using LxdScope.Collector.Storage;

namespace LxdScope.Collector.Tests.Support;

/// <summary>
/// The store's asynchronous reads, waited for: a storage test writes, then reads back, one call
/// at a time on its own thread, and its assertions read as the contract states them.
/// </summary>
internal static class StoreReads
{
    public static IReadOnlyList<ClusterEvent> Events(this ICollectorStore store, string cluster, int limit) =>
        store.EventsAsync(cluster, limit).GetAwaiter().GetResult();

    public static IReadOnlyList<MirrorInfo> Mirrors(this ICollectorStore store, string cluster) =>
        store.MirrorsAsync(cluster).GetAwaiter().GetResult();

    public static MirrorState? Mirror(this ICollectorStore store, string cluster, string database, string member, DateTimeOffset? asOf, bool withRows) =>
        store.MirrorAsync(cluster, database, member, asOf, withRows).GetAwaiter().GetResult();

    public static long MirrorGeneration(this ICollectorStore store, string cluster, string database, string member) =>
        store.MirrorGenerationAsync(cluster, database, member).GetAwaiter().GetResult();

    public static IReadOnlyList<DateTimeOffset> MirrorVersions(this ICollectorStore store, string cluster, string database, string member, int limit) =>
        store.MirrorVersionsAsync(cluster, database, member, limit).GetAwaiter().GetResult();

    public static void RecordConsoleQuery(this ICollectorStore store, ConsoleAuditRecord record) =>
        store.RecordConsoleQueryAsync(record).GetAwaiter().GetResult();

    public static IReadOnlyList<ConsoleAuditRecord> ConsoleQueries(this ICollectorStore store, DateTimeOffset? since, int limit) =>
        store.ConsoleQueriesAsync(since, limit).GetAwaiter().GetResult();

    public static bool IsReady(this ICollectorStore store) => store.IsReadyAsync().GetAwaiter().GetResult();
}
