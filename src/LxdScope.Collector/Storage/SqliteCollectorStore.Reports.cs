using System.Runtime.InteropServices;
using System.Text.Json;
using LxdScope.Contracts;
using Microsoft.Data.Sqlite;

namespace LxdScope.Collector.Storage;

public sealed partial class SqliteCollectorStore
{
    public RecordResult Record(AgentReport report, ReadOnlyMemory<byte> json, DateTimeOffset receivedAt)
    {
        ArgumentNullException.ThrowIfNull(report);
        RecordResult outcome;
        try
        {
            outcome = Guarded("record a report in", () => RecordLocked(report, json, receivedAt));
        }
        catch (StoreUnavailableException e)
        {
            writeFailure = e.Message;
            throw;
        }

        if (outcome.Outcome == IngestOutcome.Accepted)
        {
            writeFailure = null;
        }

        if (outcome.Outcome == IngestOutcome.Accepted && Interlocked.Increment(ref recordsSinceRetention) % retentionInterval == 0)
        {
            ApplyRetention();
        }

        return outcome;
    }

    public IReadOnlyList<StoredReport> LatestReports() => Guarded("read the latest reports from", () =>
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT agent_id, latest_report, received_at FROM agents ORDER BY agent_id";
        using var reader = command.ExecuteReader();
        var reports = new List<StoredReport>();
        while (reader.Read())
        {
            var agentId = reader.GetString(0);
            var json = reader.GetFieldValue<byte[]>(1);
            AgentReport? report;
            try
            {
                report = JsonSerializer.Deserialize(json, ContractJson.Default.AgentReport);
            }
            catch (JsonException e)
            {
                throw new InvalidDataException($"The latest report of agent {agentId} in {path} is not a valid report: {e.Message}", e);
            }

            reports.Add(new StoredReport(
                report ?? throw new InvalidDataException($"The latest report of agent {agentId} in {path} is null."),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2))));
        }

        return reports;
    });

    public IReadOnlyList<long> Sequences(string agentId, string epoch) => Guarded("read sequences from", () =>
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT sequence FROM reports WHERE agent_id = $agent AND epoch = $epoch ORDER BY sequence";
        command.Parameters.AddWithValue("$agent", agentId);
        command.Parameters.AddWithValue("$epoch", epoch);
        using var reader = command.ExecuteReader();
        var sequences = new List<long>();
        while (reader.Read())
        {
            sequences.Add(reader.GetInt64(0));
        }

        return sequences;
    });

    private RecordResult RecordLocked(AgentReport report, ReadOnlyMemory<byte> json, DateTimeOffset receivedAt)
    {
        // BEGIN IMMEDIATE: the duplicate check and the writes see one state.
        using var transaction = connection.BeginTransaction();
        if (IsDuplicate(transaction, report))
        {
            transaction.Rollback();
            return RecordResult.Duplicate;
        }

        var received = receivedAt.ToUnixTimeMilliseconds();
        using (var insert = connection.CreateCommand())
        {
            insert.Transaction = transaction;
            insert.CommandText = """
                INSERT INTO reports (agent_id, epoch, sequence, collected_at, received_at)
                VALUES ($agent, $epoch, $sequence, $collected, $received)
                """;
            insert.Parameters.AddWithValue("$agent", report.AgentId);
            insert.Parameters.AddWithValue("$epoch", report.Epoch);
            insert.Parameters.AddWithValue("$sequence", report.Sequence);
            insert.Parameters.AddWithValue("$collected", report.CollectedAt.ToUnixTimeMilliseconds());
            insert.Parameters.AddWithValue("$received", received);
            insert.ExecuteNonQuery();
        }

        // A new epoch replaces the agent's sequence space: its numbers start again.
        using (var upsert = connection.CreateCommand())
        {
            upsert.Transaction = transaction;
            upsert.CommandText = """
                INSERT INTO agents (agent_id, cluster, epoch, last_sequence, latest_report, received_at)
                VALUES ($agent, $cluster, $epoch, $sequence, $json, $received)
                ON CONFLICT (agent_id) DO UPDATE SET
                    cluster = excluded.cluster,
                    epoch = excluded.epoch,
                    last_sequence = excluded.last_sequence,
                    latest_report = excluded.latest_report,
                    received_at = excluded.received_at
                """;
            upsert.Parameters.AddWithValue("$agent", report.AgentId);
            upsert.Parameters.AddWithValue("$cluster", report.Cluster);
            upsert.Parameters.AddWithValue("$epoch", report.Epoch);
            upsert.Parameters.AddWithValue("$sequence", report.Sequence);
            upsert.Parameters.Add("$json", SqliteType.Blob).Value = AsArray(json);
            upsert.Parameters.AddWithValue("$received", received);
            upsert.ExecuteNonQuery();
        }

        var resend = RecordContent(transaction, report, receivedAt);
        transaction.Commit();
        return new RecordResult(IngestOutcome.Accepted, resend);
    }

    /// <summary>
    /// At or below the last sequence of the agent's current epoch, or already in the log (a
    /// report of an earlier epoch, resent).
    /// </summary>
    private bool IsDuplicate(SqliteTransaction transaction, AgentReport report)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            SELECT EXISTS (
                SELECT 1 FROM agents
                WHERE agent_id = $agent AND epoch = $epoch AND last_sequence >= $sequence)
            OR EXISTS (
                SELECT 1 FROM reports
                WHERE agent_id = $agent AND epoch = $epoch AND sequence = $sequence)
            """;
        command.Parameters.AddWithValue("$agent", report.AgentId);
        command.Parameters.AddWithValue("$epoch", report.Epoch);
        command.Parameters.AddWithValue("$sequence", report.Sequence);
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) != 0;
    }

    private static byte[] AsArray(ReadOnlyMemory<byte> bytes) =>
        MemoryMarshal.TryGetArray(bytes, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
            ? segment.Array
            : bytes.ToArray();
}
