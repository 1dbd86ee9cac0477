using LxdScope.Contracts;

namespace LxdScope.Collector.Storage;

internal static class CollectorStoreExtensions
{
    /// <summary>Records one report in a transaction of its own.</summary>
    /// <exception cref="StoreUnavailableException">The database cannot be written.</exception>
    public static RecordResult Record(this ICollectorStore store, AgentReport report, ReadOnlyMemory<byte> json, DateTimeOffset receivedAt)
    {
        ArgumentNullException.ThrowIfNull(store);
        return store.RecordAll([new PendingReport(report, json, receivedAt)])[0];
    }
}
