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

    public Task<IReadOnlyList<ClusterEvent>> EventsAsync(string cluster, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        return GuardedAsync("read events from", () => EventRows.LatestAsync(connection, cluster, limit, cancellationToken), cancellationToken);
    }
}
