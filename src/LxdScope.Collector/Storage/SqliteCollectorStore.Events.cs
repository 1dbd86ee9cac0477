namespace LxdScope.Collector.Storage;

internal sealed partial class SqliteCollectorStore
{
    public void AppendEvents(IReadOnlyList<ClusterEvent> events)
    {
        if (!EventRows.AnyIn(events))
        {
            return;
        }

        Guarded("append events to", () =>
        {
            using var transaction = connection.BeginTransaction();
            EventRows.Append(connection, transaction, events, "INSERT INTO events (cluster, time, kind, member, message) VALUES (@cluster, @time, @kind, @member, @message)");
            transaction.Commit();
            return 0;
        });
    }

    public IReadOnlyList<ClusterEvent> Events(string cluster, int limit)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        return Guarded("read events from", () => EventRows.Latest(connection, cluster, limit));
    }
}
