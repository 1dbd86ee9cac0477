using Npgsql;

namespace LxdScope.Collector.Storage;

internal sealed partial class PostgresCollectorStore
{
    private readonly Lock listenerGate = new();
    private NpgsqlConnection? listener;

    public (IReadOnlyList<StoredReport> Latest, long Position) Snapshot(string? cluster = null) => Guarded("read the latest reports from", connection =>
    {
        // One snapshot: the latest reports and the feed position they reflect agree, so a follower
        // starting from that position neither misses nor repeats a report.
        using var transaction = connection.BeginTransaction(System.Data.IsolationLevel.RepeatableRead);
        long position;
        using (var max = Command(connection, transaction, "SELECT coalesce(max(position), 0) FROM report_feed WHERE position IS NOT NULL"))
        {
            position = (long)max.ExecuteScalar()!;
        }

        var reports = new List<StoredReport>();
        using (var command = Command(connection, transaction, "SELECT agent_id, latest_report, received_at, feed_position FROM agents WHERE $1::text IS NULL OR cluster = $1 ORDER BY agent_id"))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = (object?)cluster ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var agentId = reader.GetString(0);
                reports.Add(new StoredReport(
                    ReportJson.Parse(reader.GetFieldValue<byte[]>(1), $"The latest report of agent {agentId} in {target}"),
                    DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2))));
                // Trimmed feed: the agents' rows may be newer than any feed row left.
                position = Math.Max(position, reader.GetInt64(3));
            }
        }

        transaction.Commit();
        return ((IReadOnlyList<StoredReport>)reports, position);
    });

    public IReadOnlyList<FeedReport> ReportsAfter(long position, int limit) => Guarded("read the report feed of", connection =>
    {
        using var command = Command(connection, null, "SELECT position, report, received_at, cluster FROM report_feed WHERE position > $1 ORDER BY position LIMIT $2");
        command.Parameters.AddWithValue(position);
        command.Parameters.AddWithValue(limit);
        using var reader = command.ExecuteReader();
        var reports = new List<FeedReport>();
        while (reader.Read())
        {
            reports.Add(new FeedReport(reader.GetInt64(0), reader.GetFieldValue<byte[]>(1), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2)), reader.IsDBNull(3) ? null : reader.GetString(3)));
        }

        return (IReadOnlyList<FeedReport>)reports;
    });

    public async Task WaitForReportsAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        // One dedicated connection LISTENs; any failure drops it and the caller polls on the timeout.
        NpgsqlConnection? connection;
        lock (listenerGate)
        {
            connection = listener;
        }

        try
        {
            if (connection is null)
            {
                connection = await dataSource.OpenConnectionAsync(cancellationToken);
                await using (var listen = new NpgsqlCommand("LISTEN lxdscope_reports", connection))
                {
                    await listen.ExecuteNonQueryAsync(cancellationToken);
                }

                lock (listenerGate)
                {
                    listener = connection;
                }
            }

            await connection.WaitAsync(timeout, cancellationToken);
        }
        catch (Exception e) when (PostgresFailures.Reason(e) is not null || e is InvalidOperationException)
        {
            lock (listenerGate)
            {
                listener = null;
            }

            if (connection is not null)
            {
                await connection.DisposeAsync();
            }

            // Real time, not the injected clock: this paces I/O retries.
            await Task.Delay(timeout, cancellationToken);
        }
    }
}
