using Microsoft.Extensions.Logging;

namespace LxdScope.Collector.Storage;

public sealed partial class PostgresCollectorStore
{
    /// <summary>
    /// How long the report feed keeps reports for other collectors to apply. A collector further
    /// behind than this (stopped, or cut off from the database) starts again from every agent's
    /// latest report, as after a restart.
    /// </summary>
    internal static readonly TimeSpan FeedRetention = TimeSpan.FromHours(1);

    /// <summary>
    /// Deletes log rows, events, console audit records, mirror versions and feed entries older than their retention;
    /// never an agent's latest report or its log row, nor the mirror version in effect at the
    /// cutoff. Any collector may run it; running it twice at once deletes nothing twice.
    /// </summary>
    /// <returns>The number of rows deleted.</returns>
    internal int ApplyRetention()
    {
        var now = time.GetUtcNow();
        var cutoff = (now - retention).ToUnixTimeMilliseconds();
        var feedCutoff = (now - FeedRetention).ToUnixTimeMilliseconds();
        try
        {
            return InTransaction("delete old rows from", (connection, transaction) =>
            {
                var deleted = 0;
                foreach (var sql in RetentionDeletes)
                {
                    using var command = Command(connection, transaction, sql);
                    command.Parameters.AddWithValue("cutoff", cutoff);
                    deleted += command.ExecuteNonQuery();
                }

                // Not counted: the feed is a transport between collectors, not history.
                using var feed = Command(connection, transaction, "DELETE FROM report_feed WHERE received_at < @feed");
                feed.Parameters.AddWithValue("feed", feedCutoff);
                feed.ExecuteNonQuery();
                return deleted;
            });
        }
        catch (StoreUnavailableException e)
        {
            // Runs after a report was committed: failing that request would make the agent resend
            // a report that is already stored. Old rows stay until the next attempt.
            LogRetentionFailed(logger, target, e.Message);
            return 0;
        }
    }

    private static readonly string[] RetentionDeletes =
    [
        """
        DELETE FROM reports r
        WHERE r.received_at < @cutoff
          AND NOT EXISTS (
              SELECT 1 FROM agents a
              WHERE a.agent_id = r.agent_id AND a.epoch = r.epoch AND a.last_sequence = r.sequence)
        """,
        "DELETE FROM events WHERE time < @cutoff",
        "DELETE FROM console_audit WHERE time < @cutoff",
        """
        DELETE FROM mirror_tables m
        WHERE m.valid_from < @cutoff
          AND EXISTS (SELECT 1 FROM mirror_tables n
                      WHERE n.cluster = m.cluster AND n.db = m.db AND n.member = m.member AND n.name = m.name
                        AND n.valid_from > m.valid_from AND n.valid_from <= @cutoff)
        """,
    ];

    [LoggerMessage(Level = LogLevel.Error, Message = "Deleting old rows from {Target} failed; they stay until the next attempt: {Reason}")]
    private static partial void LogRetentionFailed(ILogger logger, string target, string reason);
}
