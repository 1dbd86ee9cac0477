using LxdScope.Collector.Mirrors;
using LxdScope.Contracts;
using Microsoft.Data.Sqlite;

namespace LxdScope.Collector.Storage;

internal sealed partial class SqliteCollectorStore
{
    public IReadOnlyList<RecordResult> RecordAll(IReadOnlyList<PendingReport> reports)
    {
        ArgumentNullException.ThrowIfNull(reports);
        var results = health.Record(() => Guarded(reports.Count == 1 ? "record a report in" : "record reports in", () => RecordLocked(reports)));
        retention.AfterRecord(results, ApplyRetention);
        return results;
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

    private RecordResult[] RecordLocked(IReadOnlyList<PendingReport> reports)
    {
        // BEGIN IMMEDIATE: the duplicate checks and the writes see one state, each report the
        // ones before it in the same transaction.
        using var transaction = connection.BeginTransaction();
        var results = new RecordResult[reports.Count];
        for (var i = 0; i < reports.Count; i++)
        {
            results[i] = RecordOne(transaction, reports[i].Report, reports[i].Json, reports[i].ReceivedAt);
        }

        transaction.Commit();
        return results;
    }

    private RecordResult RecordOne(SqliteTransaction transaction, AgentReport report, ReadOnlyMemory<byte> json, DateTimeOffset receivedAt)
    {
        if (!ReportLog.TryAppend(connection, transaction, report, receivedAt))
        {
            return RecordResult.Duplicate; // nothing was written
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
        return new RecordResult(IngestOutcome.Accepted, resend);
    }
}
