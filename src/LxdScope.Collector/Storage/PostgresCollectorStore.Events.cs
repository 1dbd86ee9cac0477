using Npgsql;

namespace LxdScope.Collector.Storage;

public sealed partial class PostgresCollectorStore
{
    /// <summary>
    /// Appends the events not already recorded. Every collector derives the same events from the
    /// same feed, so each arrives once per collector: an event is a duplicate when the newest
    /// event of its subject (the cluster's quorum, a member's state, an agent's silence, the
    /// leader) already says the same thing. Checked and written under a per-cluster transaction
    /// lock, so two collectors cannot both find "not yet recorded".
    /// </summary>
    public void AppendEvents(IReadOnlyList<ClusterEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0)
        {
            return;
        }

        InTransaction("append events to", (connection, transaction) =>
        {
            foreach (var cluster in events.Select(e => e.Cluster).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
            {
                using var lockCluster = Command(connection, transaction, "SELECT pg_advisory_xact_lock(hashtext('lxdscope-events:' || $1))");
                lockCluster.Parameters.AddWithValue(cluster);
                lockCluster.ExecuteNonQuery();
            }

            foreach (var e in events)
            {
                using var command = Command(connection, transaction, """
                    INSERT INTO events (cluster, time, kind, member, message)
                    SELECT $1, $2, $3, $4, $5
                    WHERE NOT EXISTS (
                        SELECT 1 FROM (
                            SELECT kind, member, message FROM events
                            WHERE cluster = $1 AND kind = ANY (string_to_array($6, ',')) AND ($7 OR member IS NOT DISTINCT FROM $4)
                            ORDER BY time DESC, id DESC LIMIT 1) newest
                        WHERE newest.kind = $3 AND newest.member IS NOT DISTINCT FROM $4
                          AND ($3 <> 'member-state' OR newest.message = $5))
                    """);
                command.Parameters.AddWithValue(e.Cluster);
                command.Parameters.AddWithValue(e.Time.ToUnixTimeMilliseconds());
                command.Parameters.AddWithValue(e.Kind);
                command.Parameters.Add(new NpgsqlParameter { Value = (object?)e.Member ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
                command.Parameters.AddWithValue(e.Message);
                command.Parameters.AddWithValue(string.Join(',', EventFamily(e.Kind)));
                // The leader is the cluster's state and the member its value: one subject per cluster.
                command.Parameters.AddWithValue(e.Kind == "leader-changed");
                command.ExecuteNonQuery();
            }

            return 0;
        });
    }

    public IReadOnlyList<ClusterEvent> Events(string cluster, int limit)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        return Guarded("read events from", connection => EventRows.Latest(connection, cluster, limit));
    }

    /// <summary>The kinds that describe one subject's state: the newest of them is its current state.</summary>
    private static string[] EventFamily(string kind) => kind switch
    {
        "member-offline" or "member-online" or "member-state" => ["member-offline", "member-online", "member-state"],
        "quorum-lost" or "quorum-regained" => ["quorum-lost", "quorum-regained"],
        "agent-silent" or "agent-back" => ["agent-silent", "agent-back"],
        _ => [kind],
    };
}
