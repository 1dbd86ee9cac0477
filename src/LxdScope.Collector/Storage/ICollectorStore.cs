using LxdScope.Contracts;

namespace LxdScope.Collector.Storage;

/// <summary>The collector's durable state (an embedded SQLite file by default).</summary>
public interface ICollectorStore
{
    /// <summary>
    /// Records a report atomically and durably before it is acknowledged: its sequence entry and,
    /// as the agent's latest, its JSON. A sequence at or below the last one recorded for the
    /// agent in the same epoch is a duplicate and changes nothing.
    /// </summary>
    /// <exception cref="StoreUnavailableException">The database cannot be written (disk full, read-only, …).</exception>
    IngestOutcome Record(AgentReport report, ReadOnlyMemory<byte> json, DateTimeOffset receivedAt);

    /// <summary>The latest report of every agent, to rebuild state after a restart.</summary>
    IReadOnlyList<StoredReport> LatestReports();

    void AppendEvents(IReadOnlyList<ClusterEvent> events);

    /// <summary>Newest first.</summary>
    IReadOnlyList<ClusterEvent> Events(string cluster, int limit);

    /// <summary>Sequence numbers recorded for an agent in an epoch, ascending (for tests and audits).</summary>
    IReadOnlyList<long> Sequences(string agentId, string epoch);

    /// <summary>True when the database answers a trivial read.</summary>
    bool IsReady();
}
