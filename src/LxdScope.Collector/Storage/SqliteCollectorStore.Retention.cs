namespace LxdScope.Collector.Storage;

internal sealed partial class SqliteCollectorStore
{
    /// <summary>
    /// Deletes log rows, events, console audit records and mirror versions older than the retention; never an agent's
    /// latest report or its log row, nor the mirror version still in effect at the cutoff.
    /// </summary>
    /// <returns>The number of rows deleted.</returns>
    internal int ApplyRetention() => retention.Apply(() => Guarded("delete old rows from", () =>
    {
        using var transaction = connection.BeginTransaction();
        var deleted = RetentionDeletes.Run(connection, transaction, retention.Cutoff());
        transaction.Commit();
        return deleted;
    }));
}
