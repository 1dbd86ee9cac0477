using Npgsql;

namespace LxdScope.Collector.Storage;

internal sealed partial class PostgresCollectorStore
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
        if (!EventRows.AnyIn(events))
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

            EventRows.Append(connection, transaction, events, """
                INSERT INTO events (cluster, time, kind, member, message)
                SELECT @cluster, @time, @kind, @member, @message
                WHERE NOT EXISTS (
                    SELECT 1 FROM (
                        SELECT kind, member, message FROM events
                        WHERE cluster = @cluster AND kind = ANY (string_to_array(@family, ',')) AND (@clusterWide OR member IS NOT DISTINCT FROM @member)
                        ORDER BY time DESC, id DESC LIMIT 1) newest
                    WHERE newest.kind = @kind AND newest.member IS NOT DISTINCT FROM @member
                      AND (@kind <> 'member-state' OR newest.message = @message))
                """);
            return 0;
        });
    }

    public Task<IReadOnlyList<ClusterEvent>> EventsAsync(string cluster, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        return GuardedAsync("read events from", connection => EventRows.LatestAsync(connection, cluster, limit, cancellationToken), cancellationToken);
    }
}
