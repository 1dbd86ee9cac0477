using System.Data.Common;
using LxdScope.Contracts;

namespace LxdScope.Collector.Storage;

/// <summary>The per-report log both stores keep: one row per accepted report, and the rule that makes a report a duplicate.</summary>
internal static class ReportLog
{
    /// <summary>
    /// How an accepted report becomes its agent's latest (the end of an INSERT INTO agents): a new
    /// epoch replaces the agent's sequence space, so its numbers start again.
    /// </summary>
    public const string KeepAsLatest = """
        ON CONFLICT (agent_id) DO UPDATE SET
            cluster = excluded.cluster,
            epoch = excluded.epoch,
            last_sequence = excluded.last_sequence,
            latest_report = excluded.latest_report,
            received_at = excluded.received_at
        """;

    /// <summary>
    /// Logs the report unless it is a duplicate: at or below the last sequence of the agent's
    /// current epoch (its log row may be gone to retention), or already in the log (a report of an
    /// earlier epoch, resent). One statement, so that a report stored at the same moment by another
    /// transaction (on PostgreSQL, another collector's) makes this one wait and then find it.
    /// </summary>
    /// <returns>False for a duplicate: nothing was written.</returns>
    public static bool TryAppend(DbConnection connection, DbTransaction transaction, AgentReport report, DateTimeOffset receivedAt)
    {
        using var insert = DbCommands.Create(connection, transaction, """
            INSERT INTO reports (agent_id, epoch, sequence, collected_at, received_at)
            SELECT @agent, @epoch, @sequence, @collected, @received
            WHERE NOT EXISTS (SELECT 1 FROM agents WHERE agent_id = @agent AND epoch = @epoch AND last_sequence >= @sequence)
            ON CONFLICT DO NOTHING
            """)
            .Text("@agent", report.AgentId)
            .Text("@epoch", report.Epoch)
            .Integer("@sequence", report.Sequence)
            .Integer("@collected", report.CollectedAt.ToUnixTimeMilliseconds())
            .Integer("@received", receivedAt.ToUnixTimeMilliseconds());
        return insert.ExecuteNonQuery() != 0;
    }

    /// <summary>Sequence numbers logged for an agent in an epoch, ascending.</summary>
    public static List<long> Sequences(DbConnection connection, string agentId, string epoch)
    {
        using var command = DbCommands.Create(connection, null, "SELECT sequence FROM reports WHERE agent_id = @agent AND epoch = @epoch ORDER BY sequence")
            .Text("@agent", agentId)
            .Text("@epoch", epoch);
        return command.ReadAll(r => r.GetInt64(0));
    }
}
