using LxdScope.Collector.State;
using LxdScope.Lxd.Health;

namespace LxdScope.Collector.Metrics;

/// <summary>The cluster's members, its database quorum and each member's raft files.</summary>
internal sealed class MemberMetrics(SeriesSets series)
{
    private readonly SeriesSet clusterInfo = series.Gauge("lxdscope_cluster_info", "The product (lxd or incus) and version a cluster runs, from the cluster database view in use (always 1).", "cluster", "product", "version");
    private readonly SeriesSet memberInfo = series.Gauge("lxdscope_member_info", "A cluster member, its address, roles and code level (always 1).", "cluster", "member", "address", "roles", "database_role", "architecture", "failure_domain", "lxd_version");
    private readonly SeriesSet memberState = series.Gauge("lxdscope_member_state", "1 for the member's current state (ONLINE, OFFLINE, EVACUATED, BLOCKED, PENDING, REACHABLE, UNREACHABLE, UNKNOWN).", "cluster", "member", "state");
    private readonly SeriesSet memberOnline = series.Gauge("lxdscope_member_online", "1 when the member is ONLINE (or REACHABLE while the database cannot be read).", "cluster", "member");
    private readonly SeriesSet heartbeatAge = series.Gauge("lxdscope_member_heartbeat_age_seconds", "Age of the member's heartbeat in the cluster database (written by the database leader).", "cluster", "member");
    private readonly SeriesSet memberSchema = series.Gauge("lxdscope_member_schema_version", "The member's global database schema version (nodes.schema).", "cluster", "member");
    private readonly SeriesSet memberApiExtensions = series.Gauge("lxdscope_member_api_extensions", "The member's API extension count (nodes.api_extensions).", "cluster", "member");
    private readonly SeriesSet offlineThreshold = series.Gauge("lxdscope_cluster_offline_threshold_seconds", "cluster.offline_threshold: a heartbeat this old makes a member OFFLINE.", "cluster");
    private readonly SeriesSet voters = series.Gauge("lxdscope_database_voters", "Database (raft) voters.", "cluster");
    private readonly SeriesSet votersOnline = series.Gauge("lxdscope_database_voters_online", "Database voters alive.", "cluster");
    private readonly SeriesSet quorum = series.Gauge("lxdscope_database_quorum", "1 while more than half of the voters are alive.", "cluster");
    private readonly SeriesSet failureTolerance = series.Gauge("lxdscope_database_failure_tolerance", "How many more voters may fail before quorum is lost.", "cluster");
    private readonly SeriesSet hasLeader = series.Gauge("lxdscope_database_has_leader", "1 when LXD names a database leader.", "cluster");
    private readonly SeriesSet leader = series.Gauge("lxdscope_database_leader", "1 for the member that is database leader.", "cluster", "member");
    private readonly SeriesSet leaderChanges = series.Gauge("lxdscope_database_leader_changes", "Leader changes seen since the collector started (use increase(); resets on restart).", "cluster");
    private readonly SeriesSet globalAge = series.Gauge("lxdscope_cluster_database_view_age_seconds", "Age of the newest view of the cluster database any agent sent.", "cluster");
    private readonly SeriesSet raftTerm = series.Gauge("lxdscope_raft_term", "The member's current raft term (its metadata files).", "cluster", "member");
    private readonly SeriesSet raftLastIndex = series.Gauge("lxdscope_raft_last_index", "Index of the member's last valid raft log entry.", "cluster", "member");
    private readonly SeriesSet raftLastTerm = series.Gauge("lxdscope_raft_last_entry_term", "Term of the member's last valid raft log entry.", "cluster", "member");
    private readonly SeriesSet raftLogErrors = series.Gauge("lxdscope_raft_log_errors", "Problems in the member's raft files that raft would refuse (checksums, gaps).", "cluster", "member");
    private readonly SeriesSet raftDiskFree = series.Gauge("lxdscope_raft_disk_free_bytes", "Free space on the file system holding the member's raft files.", "cluster", "member");
    private readonly SeriesSet raftDisagreements = series.Gauge("lxdscope_raft_membership_disagreements", "Entries where the member's raft_nodes disagrees with the cluster's raft roles.", "cluster", "member");

    public void Update(ClusterStatus status, long leaderChangeCount)
    {
        var c = status.Name;
        if (status.Product is { } product)
        {
            clusterInfo.Set(1, c, product, status.Version ?? "");
        }

        foreach (var m in status.Members)
        {
            memberInfo.Set(1, c, m.Name, m.Address, string.Join(',', m.Roles), m.DatabaseRole ?? "", m.Architecture ?? "", m.FailureDomain ?? "", m.LxdVersion ?? "");
            memberState.Set(1, c, m.Name, m.State);
            if (m.Verdict.State != MemberState.Unknown)
            {
                memberOnline.Set(m.Verdict.State.IsUp() ? 1 : 0, c, m.Name);
            }

            heartbeatAge.SetIf(m.HeartbeatAgeSeconds, c, m.Name);
            memberSchema.SetIf(m.Schema, c, m.Name);
            memberApiExtensions.SetIf(m.ApiExtensions, c, m.Name);
            raftTerm.SetIf(m.RaftTerm, c, m.Name);
            raftLastIndex.SetIf(m.RaftLastIndex, c, m.Name);
            raftLastTerm.SetIf(m.RaftLastTerm, c, m.Name);
            raftDiskFree.SetIf(m.RaftDiskFreeBytes, c, m.Name);
            if (m.AgentId is not null)
            {
                raftLogErrors.Set(m.RaftLogErrors, c, m.Name);
                raftDisagreements.Set(m.RaftNodesDisagreements.Count, c, m.Name);
            }

            if (m.Name == status.Quorum.Leader)
            {
                leader.Set(1, c, m.Name);
            }
        }

        offlineThreshold.Set(status.OfflineThresholdSeconds, c);
        voters.Set(status.Quorum.Voters, c);
        if (status.Quorum.Judged)
        {
            votersOnline.Set(status.Quorum.VotersOnline, c);
            quorum.Set(status.Quorum.HasQuorum ? 1 : 0, c);
            failureTolerance.Set(status.Quorum.FailureTolerance, c);
        }

        hasLeader.Set(status.Quorum.Leader is null ? 0 : 1, c);
        leaderChanges.Set(leaderChangeCount, c);
        globalAge.SetIf(status.GlobalAgeSeconds, c);
    }
}
