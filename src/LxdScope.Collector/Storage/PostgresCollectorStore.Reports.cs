using System.Runtime.InteropServices;
using System.Text.Json;
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
        RecordResult result;
        try
        {
            result = InTransaction("record a report in", (connection, transaction) => RecordIn(connection, transaction, report, json, receivedAt));
        }
        catch (StoreUnavailableException e)
        {
            writeFailure = e.Message;
            throw;
        }

        if (result.Outcome == IngestOutcome.Accepted)
        {
            writeFailure = null;
        }

        if (result.Outcome == IngestOutcome.Accepted && Interlocked.Increment(ref recordsSinceRetention) % retentionInterval == 0)
        {
            ApplyRetention();
        }

        return result;
    }

    public IReadOnlyList<StoredReport> LatestReports() => Snapshot().Latest;

    public IReadOnlyList<long> Sequences(string agentId, string epoch) => Guarded("read sequences from", connection =>
    {
        using var command = Command(connection, null, "SELECT sequence FROM reports WHERE agent_id = $1 AND epoch = $2 ORDER BY sequence");
        command.Parameters.AddWithValue(agentId);
        command.Parameters.AddWithValue(epoch);
        using var reader = command.ExecuteReader();
        var sequences = new List<long>();
        while (reader.Read())
        {
            sequences.Add(reader.GetInt64(0));
        }

        return sequences;
    });

    private static RecordResult RecordIn(NpgsqlConnection connection, NpgsqlTransaction transaction, AgentReport report, ReadOnlyMemory<byte> json, DateTimeOffset receivedAt)
    {
        // One statement: new unless at or below the last sequence of the agent's current epoch
        // (its log row may be gone to retention) or already in the log. Zero rows when another
        // transaction (this collector's or another's) stored it first: the insert waited for that
        // one to commit, so "duplicate" is final.
        using (var insert = Command(connection, transaction, """
            INSERT INTO reports (agent_id, epoch, sequence, collected_at, received_at)
            SELECT $1, $2, $3, $4, $5
            WHERE NOT EXISTS (SELECT 1 FROM agents WHERE agent_id = $1 AND epoch = $2 AND last_sequence >= $3)
            ON CONFLICT DO NOTHING
            """))
        {
            insert.Parameters.AddWithValue(report.AgentId);
            insert.Parameters.AddWithValue(report.Epoch);
            insert.Parameters.AddWithValue(report.Sequence);
            insert.Parameters.AddWithValue(report.CollectedAt.ToUnixTimeMilliseconds());
            insert.Parameters.AddWithValue(receivedAt.ToUnixTimeMilliseconds());
            if (insert.ExecuteNonQuery() == 0)
            {
                return RecordResult.Duplicate;
            }
        }

        var resend = RecordContent(connection, transaction, report, receivedAt);
        var bytes = AsArray(json);
        var received = receivedAt.ToUnixTimeMilliseconds();

        // The large writes first, outside the feed lock: the report's JSON into the feed (without
        // a position yet) and as the agent's latest (a new epoch replaces its sequence space).
        using (var write = new NpgsqlBatch(connection, transaction))
        {
            var feed = new NpgsqlBatchCommand("INSERT INTO report_feed (report, received_at) VALUES ($1, $2)");
            feed.Parameters.Add(new NpgsqlParameter { Value = bytes, NpgsqlDbType = NpgsqlDbType.Bytea });
            feed.Parameters.AddWithValue(received);
            var upsert = new NpgsqlBatchCommand("""
                INSERT INTO agents (agent_id, cluster, epoch, last_sequence, latest_report, received_at, feed_position)
                VALUES ($1, $2, $3, $4, $5, $6, 0)
                ON CONFLICT (agent_id) DO UPDATE SET
                    cluster = excluded.cluster,
                    epoch = excluded.epoch,
                    last_sequence = excluded.last_sequence,
                    latest_report = excluded.latest_report,
                    received_at = excluded.received_at
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

    private static AgentReport ParseReport(byte[] json, string what)
    {
        try
        {
            return JsonSerializer.Deserialize(json, ContractJson.Default.AgentReport)
                ?? throw new InvalidDataException($"{what} is null.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{what} is not a valid report: {e.Message}", e);
        }
    }

    private static byte[] AsArray(ReadOnlyMemory<byte> bytes) =>
        MemoryMarshal.TryGetArray(bytes, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
            ? segment.Array
            : bytes.ToArray();
}
