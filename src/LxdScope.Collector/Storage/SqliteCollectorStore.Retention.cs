using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace LxdScope.Collector.Storage;

public sealed partial class SqliteCollectorStore
{
    /// <summary>
    /// Deletes log rows, events, console audit records and mirror versions older than the retention; never an agent's
    /// latest report or its log row, nor the mirror version still in effect at the cutoff.
    /// </summary>
    /// <returns>The number of rows deleted.</returns>
    internal int ApplyRetention()
    {
        var cutoff = (time.GetUtcNow() - retention).ToUnixTimeMilliseconds();
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            try
            {
                using var transaction = connection.BeginTransaction();
                using var command = connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = """
                    DELETE FROM reports
                    WHERE received_at < $cutoff
                      AND NOT EXISTS (
                          SELECT 1 FROM agents a
                          WHERE a.agent_id = reports.agent_id AND a.epoch = reports.epoch AND a.last_sequence = reports.sequence);
                    DELETE FROM events WHERE time < $cutoff;
                    DELETE FROM console_audit WHERE time < $cutoff;
                    """;
                command.Parameters.AddWithValue("$cutoff", cutoff);
                var deleted = command.ExecuteNonQuery() + DeleteOldMirrorVersions(connection, transaction, cutoff);
                transaction.Commit();
                return deleted;
            }
            catch (SqliteException e) when (SqliteFailures.Reason(e) is not null)
            {
                // Runs after a report was committed: failing that request would make the agent
                // resend a report that is already stored. Old rows stay until the next attempt,
                // and the operator sees why.
                LogRetentionFailed(logger, path, e.Message);
                return 0;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Deleting old rows from {Path} failed; they stay until the next attempt: {Reason}")]
    private static partial void LogRetentionFailed(ILogger logger, string path, string reason);
}
