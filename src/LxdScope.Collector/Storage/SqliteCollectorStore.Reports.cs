using LxdScope.Collector.Mirrors;
using LxdScope.Contracts;
using Microsoft.Data.Sqlite;

namespace LxdScope.Collector.Storage;

public sealed partial class SqliteCollectorStore
{
    public RecordResult Record(AgentReport report, ReadOnlyMemory<byte> json, DateTimeOffset receivedAt)
    {
        ArgumentNullException.ThrowIfNull(report);
        var result = health.Record(() => Guarded("record a report in", () => RecordLocked(report, json, receivedAt)));
        retention.AfterRecord(result, ApplyRetention);
        return result;
    }

    public IReadOnlyList<StoredReport> LatestReports() => Guarded("read the latest reports from", () =>
    {
        using var command = DbCommands.Create(connection, null, "SELECT agent_id, latest_report, received_at FROM agents ORDER BY agent_id");
        return command.ReadAll(r => new StoredReport(
            ReportJson.Parse(r.GetFieldValue<byte[]>(1), $"The latest report of agent {r.GetString(0)} in {path}"),
            r.GetTime(2)));
    });

    /// <summary>Sequence numbers recorded for an agent in an epoch, ascending (for tests and audits).</summary>
    internal IReadOnlyList<long> Sequences(string agentId, string epoch) =>
        Guarded("read sequences from", () => ReportLog.Sequences(connection, agentId, epoch));

    private RecordResult RecordLocked(AgentReport report, ReadOnlyMemory<byte> json, DateTimeOffset receivedAt)
    {
        // BEGIN IMMEDIATE: the duplicate check and the writes see one state.
        using var transaction = connection.BeginTransaction();
        if (!ReportLog.TryAppend(connection, transaction, report, receivedAt))
        {
            transaction.Rollback();
            return RecordResult.Duplicate;
        }

        using (var upsert = DbCommands.Create(connection, transaction, $"""
            INSERT INTO agents (agent_id, cluster, epoch, last_sequence, latest_report, received_at)
            VALUES (@agent, @cluster, @epoch, @sequence, @json, @received)
            {ReportLog.KeepAsLatest}
            """)
            .Text("@agent", report.AgentId)
            .Text("@cluster", report.Cluster)
            .Text("@epoch", report.Epoch)
            .Integer("@sequence", report.Sequence)
            .Blob("@json", ReportJson.AsArray(json))
            .Integer("@received", receivedAt.ToUnixTimeMilliseconds()))
        {
            upsert.ExecuteNonQuery();
        }

        var resend = MirrorRecorder.Record(report, receivedAt, new DbMirrorWriter(connection, transaction, MirrorStatements, MarkChanged));
        transaction.Commit();
        return new RecordResult(IngestOutcome.Accepted, resend);
    }
}
