using LxdScope.Lxd.Health;

namespace LxdScope.Collector.Metrics;

/// <summary>The cluster's members, its database quorum and each member's raft files.</summary>
internal static class MemberMetrics
{
    public static IReadOnlyList<ClusterFamily> Families { get; } =
    [
        ClusterFamily.Gauge("lxdscope_cluster_info", "The product (lxd or incus) and version a cluster runs, from the cluster database view in use (always 1).", ["cluster", "product", "version"], static (c, w) =>
        {
            if (c.Status.Product is { } product)
            {
                w.Sample(1, c.Name, product, c.Status.Version ?? "");
            }
        }),
        ClusterFamily.Gauge("lxdscope_member_info", "A cluster member, its address, roles and code level (always 1).", ["cluster", "member", "address", "roles", "database_role", "architecture", "failure_domain", "lxd_version"], static (c, w) =>
        {
            foreach (var m in c.Status.Members)
            {
                w.Sample(1, c.Name, m.Name, m.Address, string.Join(',', m.Roles), m.DatabaseRole ?? "", m.Architecture ?? "", m.FailureDomain ?? "", m.LxdVersion ?? "");
            }
        }),
        ClusterFamily.Gauge("lxdscope_member_state", "1 for the member's current state (ONLINE, OFFLINE, EVACUATED, BLOCKED, PENDING, REACHABLE, UNREACHABLE, UNKNOWN).", ["cluster", "member", "state"], static (c, w) =>
        {
            foreach (var m in c.Status.Members)
            {
                w.Sample(1, c.Name, m.Name, m.State);
            }
        }),
        ClusterFamily.Gauge("lxdscope_member_online", "1 when the member is ONLINE (or REACHABLE while the database cannot be read).", ["cluster", "member"], static (c, w) =>
        {
            foreach (var m in c.Status.Members.Where(m => m.Verdict.State != MemberState.Unknown))
            {
                w.Sample(m.Verdict.State.IsUp() ? 1 : 0, c.Name, m.Name);
            }
        }),
        PerMember("lxdscope_member_heartbeat_age_seconds", "Age of the member's heartbeat in the cluster database (written by the database leader).", m => m.HeartbeatAgeSeconds),
        PerMember("lxdscope_member_schema_version", "The member's global database schema version (nodes.schema).", m => m.Schema),
        PerMember("lxdscope_member_api_extensions", "The member's API extension count (nodes.api_extensions).", m => m.ApiExtensions),
        ClusterFamily.PerCluster("lxdscope_cluster_offline_threshold_seconds", "cluster.offline_threshold: a heartbeat this old makes a member OFFLINE.", c => c.Status.OfflineThresholdSeconds),
        ClusterFamily.PerCluster("lxdscope_database_voters", "Database (raft) voters.", c => c.Status.Quorum.Voters),
        ClusterFamily.PerCluster("lxdscope_database_voters_online", "Database voters alive.", c => c.Status.Quorum.Judged ? c.Status.Quorum.VotersOnline : null),
        ClusterFamily.PerCluster("lxdscope_database_quorum", "1 while more than half of the voters are alive.", c => c.Status.Quorum.Judged ? (c.Status.Quorum.HasQuorum ? 1 : 0) : null),
        ClusterFamily.PerCluster("lxdscope_database_failure_tolerance", "How many more voters may fail before quorum is lost.", c => c.Status.Quorum.Judged ? c.Status.Quorum.FailureTolerance : null),
        ClusterFamily.PerCluster("lxdscope_database_has_leader", "1 when LXD names a database leader.", c => c.Status.Quorum.Leader is null ? 0 : 1),
        ClusterFamily.Gauge("lxdscope_database_leader", "1 for the member that is database leader.", ["cluster", "member"], static (c, w) =>
        {
            foreach (var m in c.Status.Members.Where(m => m.Name == c.Status.Quorum.Leader))
            {
                w.Sample(1, c.Name, m.Name);
            }
        }),
        ClusterFamily.PerCluster("lxdscope_database_leader_changes", "Leader changes seen since the collector started (use increase(); resets on restart).", c => c.LeaderChanges),
        ClusterFamily.PerCluster("lxdscope_cluster_database_view_age_seconds", "Age of the newest view of the cluster database any agent sent.", c => c.Status.GlobalAgeSeconds),
        PerMember("lxdscope_raft_term", "The member's current raft term (its metadata files).", m => m.RaftTerm),
        PerMember("lxdscope_raft_last_index", "Index of the member's last valid raft log entry.", m => m.RaftLastIndex),
        PerMember("lxdscope_raft_last_entry_term", "Term of the member's last valid raft log entry.", m => m.RaftLastTerm),
        // Known to be 0 only where an agent reads the member's files; unknown elsewhere, so absent.
        PerMember("lxdscope_raft_log_errors", "Problems in the member's raft files that raft would refuse (checksums, gaps).", m => m.AgentId is null ? null : m.RaftLogErrors),
        PerMember("lxdscope_raft_disk_free_bytes", "Free space on the file system holding the member's raft files.", m => m.RaftDiskFreeBytes),
        PerMember("lxdscope_raft_membership_disagreements", "Entries where the member's raft_nodes disagrees with the cluster's raft roles.", m => m.AgentId is null ? null : m.RaftNodesDisagreements.Count),
    ];

    /// <summary>One series per member with a value; none for a member whose value is unknown.</summary>
    private static ClusterFamily PerMember(string name, string help, Func<State.MemberView, double?> value) =>
        ClusterFamily.Gauge(name, help, ["cluster", "member"], (c, w) =>
        {
            foreach (var m in c.Status.Members)
            {
                if (value(m) is { } v)
                {
                    w.Sample(v, c.Name, m.Name);
                }
            }
        });
}
