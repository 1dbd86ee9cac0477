using Microsoft.Data.Sqlite;

namespace LxdScope.Collector.Storage;

public sealed partial class SqliteCollectorStore
{
    public void AppendEvents(IReadOnlyList<ClusterEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0)
        {
            return;
        }

        Guarded("append events to", () =>
        {
            using var transaction = connection.BeginTransaction();
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = """
                INSERT INTO events (cluster, time, kind, member, message)
                VALUES ($cluster, $time, $kind, $member, $message)
                """;
            var cluster = command.Parameters.Add("$cluster", SqliteType.Text);
            var time = command.Parameters.Add("$time", SqliteType.Integer);
            var kind = command.Parameters.Add("$kind", SqliteType.Text);
            var member = command.Parameters.Add("$member", SqliteType.Text);
            var message = command.Parameters.Add("$message", SqliteType.Text);
            foreach (var e in events)
            {
                cluster.Value = e.Cluster;
                time.Value = e.Time.ToUnixTimeMilliseconds();
                kind.Value = e.Kind;
                member.Value = (object?)e.Member ?? DBNull.Value;
                message.Value = e.Message;
                command.ExecuteNonQuery();
            }

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
