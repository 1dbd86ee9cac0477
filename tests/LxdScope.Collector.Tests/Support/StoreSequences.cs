using LxdScope.Collector.Storage;

namespace LxdScope.Collector.Tests.Support;

/// <summary>The report log of whichever real store a test collector runs on (not part of the store's contract).</summary>
internal static class StoreSequences
{
    public static IReadOnlyList<long> Sequences(this ICollectorStore store, string agentId, string epoch) => store switch
    {
        SqliteCollectorStore sqlite => sqlite.Sequences(agentId, epoch),
        PostgresCollectorStore postgres => postgres.Sequences(agentId, epoch),
        AuditFailingStore failing => failing.Inner.Sequences(agentId, epoch),
        _ => throw new InvalidOperationException($"{store.GetType().Name} keeps no report log."),
    };
}
