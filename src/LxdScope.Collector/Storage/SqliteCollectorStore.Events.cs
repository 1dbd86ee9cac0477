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
            var cluster = command.Parameters.Add("$cluster", Microsoft.Data.Sqlite.SqliteType.Text);
            var time = command.Parameters.Add("$time", Microsoft.Data.Sqlite.SqliteType.Integer);
            var kind = command.Parameters.Add("$kind", Microsoft.Data.Sqlite.SqliteType.Text);
            var member = command.Parameters.Add("$member", Microsoft.Data.Sqlite.SqliteType.Text);
            var message = command.Parameters.Add("$message", Microsoft.Data.Sqlite.SqliteType.Text);
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
        return Guarded("read events from", () =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = """
                SELECT cluster, time, kind, member, message FROM events
                WHERE cluster = $cluster
                ORDER BY time DESC, id DESC
                LIMIT $limit
                """;
            command.Parameters.AddWithValue("$cluster", cluster);
            command.Parameters.AddWithValue("$limit", limit);
            using var reader = command.ExecuteReader();
            var events = new List<ClusterEvent>();
            while (reader.Read())
            {
                events.Add(new ClusterEvent(
                    reader.GetString(0),
                    DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)),
                    reader.GetString(2),
                    reader.IsDBNull(3) ? null : reader.GetString(3),
                    reader.GetString(4)));
            }

            return events;
        });
    }
}
