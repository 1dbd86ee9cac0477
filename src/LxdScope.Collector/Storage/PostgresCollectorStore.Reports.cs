using LxdScope.Collector.Mirrors;
using LxdScope.Contracts;
using Npgsql;
using NpgsqlTypes;

namespace LxdScope.Collector.Storage;

internal sealed partial class PostgresCollectorStore
{
    // Held from a report's feed insert to its commit: positions become visible in the order they
    // were taken, so a follower that has seen position N has seen every report before it.
    private const long FeedLockKey = 0x6c78_6473_6665_6564;

    public IReadOnlyList<RecordResult> RecordAll(IReadOnlyList<PendingReport> reports)
    {
        ArgumentNullException.ThrowIfNull(reports);
        var results = health.Record(() => InTransaction(reports.Count == 1 ? "record a report in" : "record reports in", (connection, transaction) => RecordIn(connection, transaction, reports)));
        retention.AfterRecord(results, ApplyRetention);
        return results;
    }

    public IReadOnlyList<StoredReport> LatestReports() => Snapshot().Latest;

    /// <summary>Sequence numbers recorded for an agent in an epoch, ascending (for tests and audits).</summary>
    internal IReadOnlyList<long> Sequences(string agentId, string epoch) =>
        Guarded("read sequences from", connection => ReportLog.Sequences(connection, agentId, epoch));

    private static RecordResult[] RecordIn(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<PendingReport> reports)
    {
        var results = new RecordResult[reports.Count];
        var feedIds = new long[reports.Count];
        // By agent, each agent's reports in the order given: two collectors recording the same
        // agents take their rows' locks in the same order, so neither waits on the other in a cycle.
        var order = Enumerable.Range(0, reports.Count).OrderBy(i => reports[i].Report.AgentId, StringComparer.Ordinal).ThenBy(i => i).ToList();
        foreach (var i in order)
        {
            (results[i], feedIds[i]) = Write(connection, transaction, reports[i]);
        }

        var accepted = Enumerable.Range(0, reports.Count).Where(i => results[i].Outcome == IngestOutcome.Accepted).ToList();
        if (accepted.Count == 0)
        {
            return results;
        }

        // Then one round trip from taking the feed lock to the commit, since the lock serializes
        // every collector's reports: the positions in the order the reports came, each agent's
        // reference to its newest, and one notification, delivered at commit to every collector
        // listening.
        using var batch = new NpgsqlBatch(connection, transaction);
        var serialize = new NpgsqlBatchCommand("SELECT pg_advisory_xact_lock($1)");
        serialize.Parameters.AddWithValue(FeedLockKey);
        batch.BatchCommands.Add(serialize);
        foreach (var i in accepted)
        {
            var place = new NpgsqlBatchCommand("""
                WITH placed AS (UPDATE report_feed SET position = nextval('report_feed_position') WHERE id = $1 RETURNING position)
                UPDATE agents SET feed_position = placed.position FROM placed WHERE agent_id = $2 RETURNING placed.position
                """);
            place.Parameters.AddWithValue(feedIds[i]);
            place.Parameters.AddWithValue(reports[i].Report.AgentId);
            batch.BatchCommands.Add(place);
        }

        batch.BatchCommands.Add(new NpgsqlBatchCommand("NOTIFY lxdscope_reports"));
        using (var reader = batch.ExecuteReader())
        {
            foreach (var i in accepted)
            {
                reader.NextResult();
                reader.Read();
                results[i] = results[i] with { FeedPosition = reader.GetInt64(0) };
            }

            while (reader.NextResult())
            {
            }
        }

        return results;
    }

    /// <returns>The outcome, and the report's row in the feed (without a position yet) when accepted.</returns>
    private static (RecordResult Result, long FeedId) Write(NpgsqlConnection connection, NpgsqlTransaction transaction, PendingReport pending)
    {
        var (report, json, receivedAt) = pending;
        // A report another transaction (this collector's or another's) stored first made the
        // insert wait for that one to commit, so "duplicate" is final.
        if (!ReportLog.TryAppend(connection, transaction, report, receivedAt))
        {
            return (RecordResult.Duplicate, 0);
        }

        var resend = MirrorRecorder.Record(report, receivedAt, new DbMirrorWriter(connection, transaction, MirrorStatements, key => MarkChanged(connection, transaction, key)));
        var bytes = ReportJson.AsArray(json);
        var received = receivedAt.ToUnixTimeMilliseconds();

        // The large writes outside the feed lock: the report's JSON into the feed (without a
        // position yet) and as the agent's latest (a new epoch replaces its sequence space).
        using var write = new NpgsqlBatch(connection, transaction);
        var feed = new NpgsqlBatchCommand("INSERT INTO report_feed (report, received_at, cluster) VALUES ($1, $2, $3) RETURNING id");
        feed.Parameters.Add(new NpgsqlParameter { Value = bytes, NpgsqlDbType = NpgsqlDbType.Bytea });
        feed.Parameters.AddWithValue(received);
        feed.Parameters.AddWithValue(report.Cluster);
        var upsert = new NpgsqlBatchCommand($"""
            INSERT INTO agents (agent_id, cluster, epoch, last_sequence, latest_report, received_at, feed_position)
            VALUES ($1, $2, $3, $4, $5, $6, 0)
            {ReportLog.KeepAsLatest}
            """);
        upsert.Parameters.AddWithValue(report.AgentId);
        upsert.Parameters.AddWithValue(report.Cluster);
        upsert.Parameters.AddWithValue(report.Epoch);
        upsert.Parameters.AddWithValue(report.Sequence);
        upsert.Parameters.Add(new NpgsqlParameter { Value = bytes, NpgsqlDbType = NpgsqlDbType.Bytea });
        upsert.Parameters.AddWithValue(received);
        write.BatchCommands.Add(feed);
        write.BatchCommands.Add(upsert);
        using var reader = write.ExecuteReader();
        reader.Read();
        var id = reader.GetInt64(0);
        while (reader.NextResult())
        {
        }

        return (new RecordResult(IngestOutcome.Accepted, resend), id);
    }
}
