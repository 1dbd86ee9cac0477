namespace LxdScope.Collector.Storage;

internal sealed partial class PostgresCollectorStore
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
    internal int ApplyRetention() => retention.Apply(() => InTransaction("delete old rows from", (connection, transaction) =>
    {
        var deleted = RetentionDeletes.Run(connection, transaction, retention.Cutoff());

        // Not counted: the feed is a transport between collectors, not history.
        using var feed = Command(connection, transaction, "DELETE FROM report_feed WHERE received_at < @feed");
        feed.Parameters.AddWithValue("feed", retention.CutoffFor(FeedRetention));
        feed.ExecuteNonQuery();
        return deleted;
    }));
}
