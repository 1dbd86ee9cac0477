using LxdScope.Collector.Mirrors;
using LxdScope.Contracts;
using Npgsql;
using NpgsqlTypes;

namespace LxdScope.Collector.Storage;

public sealed partial class PostgresCollectorStore
{
    // Held from a report's feed insert to its commit: positions become visible in the order they
    // were taken, so a follower that has seen position N has seen every report before it.
    private const long FeedLockKey = 0x6c78_6473_6665_6564;

    public RecordResult Record(AgentReport report, ReadOnlyMemory<byte> json, DateTimeOffset receivedAt)
    {
        ArgumentNullException.ThrowIfNull(report);
        var result = health.Record(() => InTransaction("record a report in", (connection, transaction) => RecordIn(connection, transaction, report, json, receivedAt)));
        retention.AfterRecord(result, ApplyRetention);
        return result;
    }

    public IReadOnlyList<StoredReport> LatestReports() => Snapshot().Latest;

    /// <summary>Sequence numbers recorded for an agent in an epoch, ascending (for tests and audits).</summary>
    internal IReadOnlyList<long> Sequences(string agentId, string epoch) =>
        Guarded("read sequences from", connection => ReportLog.Sequences(connection, agentId, epoch));

    private static RecordResult RecordIn(NpgsqlConnection connection, NpgsqlTransaction transaction, AgentReport report, ReadOnlyMemory<byte> json, DateTimeOffset receivedAt)
    {
        // A report another transaction (this collector's or another's) stored first made the
        // insert wait for that one to commit, so "duplicate" is final.
        if (!ReportLog.TryAppend(connection, transaction, report, receivedAt))
        {
            return RecordResult.Duplicate;
        }

        var resend = MirrorRecorder.Record(report, receivedAt, new DbMirrorWriter(connection, transaction, MirrorStatements, key => MarkChanged(connection, transaction, key)));
        var bytes = ReportJson.AsArray(json);
        var received = receivedAt.ToUnixTimeMilliseconds();

        // The large writes first, outside the feed lock: the report's JSON into the feed (without
        // a position yet) and as the agent's latest (a new epoch replaces its sequence space).
        using (var write = new NpgsqlBatch(connection, transaction))
        {
            var feed = new NpgsqlBatchCommand("INSERT INTO report_feed (report, received_at) VALUES ($1, $2)");
            feed.Parameters.Add(new NpgsqlParameter { Value = bytes, NpgsqlDbType = NpgsqlDbType.Bytea });
            feed.Parameters.AddWithValue(received);
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
            write.ExecuteNonQuery();
        }

        // Then one round trip from taking the feed lock to the commit, since the lock serializes
        // every collector's reports: the position, the agent's reference to it, and the
        // notification, delivered at commit to every collector listening.
        using var batch = new NpgsqlBatch(connection, transaction);
        var serialize = new NpgsqlBatchCommand("SELECT pg_advisory_xact_lock($1)");
        serialize.Parameters.AddWithValue(FeedLockKey);
        var place = new NpgsqlBatchCommand("UPDATE report_feed SET position = nextval('report_feed_position') WHERE id = currval('report_feed_id_seq') RETURNING position");
        var point = new NpgsqlBatchCommand("UPDATE agents SET feed_position = currval('report_feed_position') WHERE agent_id = $1");
        point.Parameters.AddWithValue(report.AgentId);
        batch.BatchCommands.Add(serialize);
        batch.BatchCommands.Add(place);
        batch.BatchCommands.Add(point);
        batch.BatchCommands.Add(new NpgsqlBatchCommand("NOTIFY lxdscope_reports"));
        long position;
        using (var reader = batch.ExecuteReader())
        {
            reader.NextResult();
            reader.Read();
            position = reader.GetInt64(0);
            while (reader.NextResult())
            {
            }
        }

        return new RecordResult(IngestOutcome.Accepted, resend) { FeedPosition = position };
    }
}
