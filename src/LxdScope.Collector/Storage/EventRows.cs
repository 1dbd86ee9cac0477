using System.Data.Common;

namespace LxdScope.Collector.Storage;

/// <summary>Reading cluster events, the same on either store (how they are appended differs).</summary>
internal static class EventRows
{
    /// <summary>Newest first.</summary>
    public static List<ClusterEvent> Latest(DbConnection connection, string cluster, int limit)
    {
        using var command = DbCommands.Create(connection, null, """
            SELECT cluster, time, kind, member, message FROM events
            WHERE cluster = @cluster
            ORDER BY time DESC, id DESC
            LIMIT @limit
            """)
            .Text("@cluster", cluster)
            .Integer("@limit", limit);
        return command.ReadAll(r => new ClusterEvent(r.GetString(0), r.GetTime(1), r.GetString(2), r.GetNullableString(3), r.GetString(4)));
    }
}
