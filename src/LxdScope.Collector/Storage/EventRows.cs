using System.Data.Common;

namespace LxdScope.Collector.Storage;

/// <summary>Reading cluster events, the same on either store (how they are appended differs).</summary>
internal static class EventRows
{
    /// <summary>False when there is nothing to append (and no need to touch the database).</summary>
    public static bool AnyIn(IReadOnlyList<ClusterEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        return events.Count > 0;
    }

    /// <summary>
    /// Runs <paramref name="insert"/> once per event, with @cluster, @time, @kind, @member and
    /// @message, and for a store that skips what is already recorded: @family (the kinds that
    /// describe the same subject, comma-separated) and @clusterWide (the subject is the cluster).
    /// </summary>
    public static void Append(DbConnection connection, DbTransaction transaction, IReadOnlyList<ClusterEvent> events, string insert)
    {
        foreach (var e in events)
        {
            using var command = DbCommands.Create(connection, transaction, insert)
                .Text("@cluster", e.Cluster)
                .Integer("@time", e.Time.ToUnixTimeMilliseconds())
                .Text("@kind", e.Kind)
                .Text("@member", e.Member)
                .Text("@message", e.Message)
                .Text("@family", string.Join(',', Family(e.Kind)))
                // The leader is the cluster's state and the member its value: one subject per cluster.
                .Boolean("@clusterWide", e.Kind == "leader-changed");
            command.ExecuteNonQuery();
        }
    }

    /// <summary>Newest first.</summary>
    public static async Task<IReadOnlyList<ClusterEvent>> LatestAsync(DbConnection connection, string cluster, int limit, CancellationToken cancellationToken)
    {
        await using var command = DbCommands.Create(connection, null, """
            SELECT cluster, time, kind, member, message FROM events
            WHERE cluster = @cluster
            ORDER BY time DESC, id DESC
            LIMIT @limit
            """)
            .Text("@cluster", cluster)
            .Integer("@limit", limit);
        return await command.ReadAllAsync(r => new ClusterEvent(r.GetString(0), r.GetTime(1), r.GetString(2), r.GetNullableString(3), r.GetString(4)), cancellationToken);
    }

    /// <summary>The kinds that describe one subject's state: the newest of them is its current state.</summary>
    private static string[] Family(string kind) => kind switch
    {
        "member-offline" or "member-online" or "member-state" => ["member-offline", "member-online", "member-state"],
        "quorum-lost" or "quorum-regained" => ["quorum-lost", "quorum-regained"],
        "agent-silent" or "agent-back" => ["agent-silent", "agent-back"],
        _ => [kind],
    };
}
