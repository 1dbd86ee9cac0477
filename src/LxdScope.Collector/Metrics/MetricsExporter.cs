using LxdScope.Contracts;
using LxdScope.Collector.Audit;
using LxdScope.Collector.Http;
using LxdScope.Collector.Ingest;
using LxdScope.Collector.State;
using LxdScope.Lxd.Health;
using LxdScope.Collector.Storage;
using Prometheus;

namespace LxdScope.Collector.Metrics;

/// <summary>
/// The collector's metric catalogue (docs/metrics.md), in its own registry: cluster statuses in,
/// series out. The only place metric names and labels are decided. Labels stay low-cardinality:
/// clusters, members, agents, collectors, projects — never container addresses or free text.
/// </summary>
public sealed class MetricsExporter
{
    private readonly object gate = new();
    private readonly List<SeriesSet> all = [];
    private readonly SeriesSet clusterInfo;
    private readonly SeriesSet memberInfo;
    private readonly SeriesSet memberState;
    private readonly SeriesSet memberOnline;
    private readonly SeriesSet heartbeatAge;
    private readonly SeriesSet memberSchema;
    private readonly SeriesSet memberApiExtensions;
    private readonly SeriesSet offlineThreshold;
    private readonly SeriesSet voters;
    private readonly SeriesSet votersOnline;
    private readonly SeriesSet quorum;
    private readonly SeriesSet failureTolerance;
    private readonly SeriesSet hasLeader;
    private readonly SeriesSet leader;
    private readonly SeriesSet leaderChanges;
    private readonly SeriesSet globalAge;
    private readonly SeriesSet raftTerm;
    private readonly SeriesSet raftLastIndex;
    private readonly SeriesSet raftLastTerm;
    private readonly SeriesSet raftLogErrors;
    private readonly SeriesSet raftDiskFree;
    private readonly SeriesSet raftDisagreements;
    private readonly SeriesSet reachable;
    private readonly SeriesSet connectSeconds;
    private readonly SeriesSet tlsSeconds;
    private readonly SeriesSet certificateVerified;
    private readonly SeriesSet instances;
    private readonly SeriesSet images;
    private readonly SeriesSet storagePools;
    private readonly SeriesSet networks;
    private readonly SeriesSet lxdWarnings;
    private readonly SeriesSet agentUp;
    private readonly SeriesSet agentLastReport;
    private readonly SeriesSet agentSequence;
    private readonly SeriesSet collectorSuccess;
    private readonly SeriesSet collectorDuration;
    private readonly SeriesSet agentRss;
    private readonly SeriesSet agentCycleCpu;
    private readonly SeriesSet agentSpoolDepth;
    private readonly SeriesSet agentSpoolDropped;
    private readonly SeriesSet agentLxdRequests;
    private readonly SeriesSet agentLxdResponseBytes;
    private readonly SeriesSet agentLxdFileBytes;
    private readonly SeriesSet fanVerdict;
    private readonly SeriesSet fanHealthy;
    private readonly SeriesSet fanPackets;
    private readonly SeriesSet fanArpRequests;
    private readonly SeriesSet fanArpUnanswered;
    private readonly SeriesSet fanEchoRequests;
    private readonly SeriesSet fanEchoReplies;
    private readonly SeriesSet fanEchoLost;
    private readonly SeriesSet fanEchoRtt;
    private readonly SeriesSet fanWrongVtep;
    private readonly SeriesSet fanVniMismatch;
    private readonly SeriesSet fanOversize;
    private readonly SeriesSet fanFragNeeded;
    private readonly SeriesSet fanProbeSent;
    private readonly SeriesSet fanProbeReplied;
    private readonly SeriesSet fanProbeRtt;
    private readonly SeriesSet fanCapturePackets;
    private readonly SeriesSet fanCaptureDropped;
    private readonly SeriesSet fanCaptureEvicted;
    private readonly Counter events;
    private readonly Counter ingested;
    private readonly Counter clamped;
    private readonly Counter storeFailures;
    private readonly Counter rateLimited;
    private readonly Counter consoleQueries;

    public MetricsExporter(CollectorRegistry registry)
    {
        Registry = registry;
        var f = Prometheus.Metrics.WithCustomRegistry(registry);
        SeriesSet G(string name, string help, params string[] labels)
        {
            var s = new SeriesSet(f.CreateGauge(name, help, labels));
            all.Add(s);
            return s;
        }

        clusterInfo = G("lxdscope_cluster_info", "The product (lxd or incus) and version a cluster runs, from the cluster database view in use (always 1).", "cluster", "product", "version");
        memberInfo = G("lxdscope_member_info", "A cluster member, its address, roles and code level (always 1).", "cluster", "member", "address", "roles", "database_role", "architecture", "failure_domain", "lxd_version");
        memberState = G("lxdscope_member_state", "1 for the member's current state (ONLINE, OFFLINE, EVACUATED, BLOCKED, PENDING, REACHABLE, UNREACHABLE, UNKNOWN).", "cluster", "member", "state");
        memberOnline = G("lxdscope_member_online", "1 when the member is ONLINE (or REACHABLE while the database cannot be read).", "cluster", "member");
        heartbeatAge = G("lxdscope_member_heartbeat_age_seconds", "Age of the member's heartbeat in the cluster database (written by the database leader).", "cluster", "member");
        memberSchema = G("lxdscope_member_schema_version", "The member's global database schema version (nodes.schema).", "cluster", "member");
        memberApiExtensions = G("lxdscope_member_api_extensions", "The member's API extension count (nodes.api_extensions).", "cluster", "member");
        offlineThreshold = G("lxdscope_cluster_offline_threshold_seconds", "cluster.offline_threshold: a heartbeat this old makes a member OFFLINE.", "cluster");
        voters = G("lxdscope_database_voters", "Database (raft) voters.", "cluster");
        votersOnline = G("lxdscope_database_voters_online", "Database voters alive.", "cluster");
        quorum = G("lxdscope_database_quorum", "1 while more than half of the voters are alive.", "cluster");
        failureTolerance = G("lxdscope_database_failure_tolerance", "How many more voters may fail before quorum is lost.", "cluster");
        hasLeader = G("lxdscope_database_has_leader", "1 when LXD names a database leader.", "cluster");
        leader = G("lxdscope_database_leader", "1 for the member that is database leader.", "cluster", "member");
        leaderChanges = G("lxdscope_database_leader_changes", "Leader changes seen since the collector started (use increase(); resets on restart).", "cluster");
        globalAge = G("lxdscope_cluster_database_view_age_seconds", "Age of the newest view of the cluster database any agent sent.", "cluster");
        raftTerm = G("lxdscope_raft_term", "The member's current raft term (its metadata files).", "cluster", "member");
        raftLastIndex = G("lxdscope_raft_last_index", "Index of the member's last valid raft log entry.", "cluster", "member");
        raftLastTerm = G("lxdscope_raft_last_entry_term", "Term of the member's last valid raft log entry.", "cluster", "member");
        raftLogErrors = G("lxdscope_raft_log_errors", "Problems in the member's raft files that raft would refuse (checksums, gaps).", "cluster", "member");
        raftDiskFree = G("lxdscope_raft_disk_free_bytes", "Free space on the file system holding the member's raft files.", "cluster", "member");
        raftDisagreements = G("lxdscope_raft_membership_disagreements", "Entries where the member's raft_nodes disagrees with the cluster's raft roles.", "cluster", "member");
        reachable = G("lxdscope_reachability_up", "1 when the member's agent could connect to the peer's cluster address.", "cluster", "member", "peer");
        connectSeconds = G("lxdscope_reachability_connect_seconds", "TCP connect time from the member to the peer.", "cluster", "member", "peer");
        tlsSeconds = G("lxdscope_reachability_tls_handshake_seconds", "TLS handshake time from the member to the peer.", "cluster", "member", "peer");
        certificateVerified = G("lxdscope_reachability_certificate_verified", "1 when the peer presented the cluster certificate; 0 when the handshake completed unverified (the agent could not read cluster.crt); absent without a handshake.", "cluster", "member", "peer");
        instances = G("lxdscope_instances", "Instances per member, project, type and status (status unknown where no agent runs).", "cluster", "member", "project", "type", "status");
        images = G("lxdscope_cluster_images", "Images in the cluster database.", "cluster");
        storagePools = G("lxdscope_cluster_storage_pools", "Storage pools in the cluster database.", "cluster");
        networks = G("lxdscope_cluster_networks", "Networks in the cluster database.", "cluster");
        lxdWarnings = G("lxdscope_lxd_warnings", "LXD's own warnings by type code and status.", "cluster", "type", "status");
        agentUp = G("lxdscope_agent_up", "1 while the agent reports within its lease (three intervals).", "cluster", "agent", "member");
        agentLastReport = G("lxdscope_agent_last_report_timestamp_seconds", "When the agent's latest report arrived (Unix time).", "cluster", "agent");
        agentSequence = G("lxdscope_agent_last_sequence", "Sequence number of the agent's latest report.", "cluster", "agent");
        collectorSuccess = G("lxdscope_agent_collector_success", "1 when the agent's collector succeeded in its latest report.", "cluster", "agent", "collector");
        collectorDuration = G("lxdscope_agent_collector_duration_seconds", "How long the agent's collector took in its latest report.", "cluster", "agent", "collector");
        agentRss = G("lxdscope_agent_resident_memory_bytes", "The agent's resident memory.", "cluster", "agent");
        agentCycleCpu = G("lxdscope_agent_cycle_cpu_seconds", "CPU time of the agent's latest collection cycle.", "cluster", "agent");
        agentSpoolDepth = G("lxdscope_agent_spool_reports", "Reports waiting in the agent's on-disk spool.", "cluster", "agent");
        agentSpoolDropped = G("lxdscope_agent_spool_dropped_reports", "Reports the agent dropped because its spool was full, since it started.", "cluster", "agent");
        agentLxdRequests = G("lxdscope_agent_cycle_lxd_api_requests", "Requests the agent's latest collection cycle sent on LXD's unix socket.", "cluster", "agent");
        agentLxdResponseBytes = G("lxdscope_agent_cycle_lxd_api_response_bytes", "Bytes of LXD's API answers the agent's latest collection cycle read.", "cluster", "agent");
        agentLxdFileBytes = G("lxdscope_agent_cycle_lxd_file_read_bytes", "Bytes the agent's latest collection cycle read from LXD's files (local.db, raft files, cluster.crt).", "cluster", "agent");
        fanVerdict = G("lxdscope_fan_verdict", "1 for the fan verdict of the member's traffic with the peer (healthy, vni-mismatch, wrong-vtep, mtu-blackhole, arp-unanswered, arp-ok-icmp-lost, no-vxlan-leaving, no-vxlan-arriving, asymmetric-loss, partial-loss, intermittent-arp, duplicate-replies, high-rtt, unstable-rtt).", "cluster", "member", "peer", "verdict");
        fanHealthy = G("lxdscope_fan_healthy", "1 when the fan verdict of the member's traffic with the peer is healthy.", "cluster", "member", "peer");
        fanPackets = G("lxdscope_fan_vxlan_packets", "VXLAN packets between the member and the peer on the member's underlay since its agent started, by direction (out, in).", "cluster", "member", "peer", "direction");
        fanArpRequests = G("lxdscope_fan_arp_requests", "ARP requests across the fan between the member and the peer since the agent started.", "cluster", "member", "peer");
        fanArpUnanswered = G("lxdscope_fan_arp_unanswered", "ARP requests between the member and the peer that got no reply within 1 s.", "cluster", "member", "peer");
        fanEchoRequests = G("lxdscope_fan_icmp_echo_requests", "ICMP echo requests across the fan between the member and the peer since the agent started.", "cluster", "member", "peer");
        fanEchoReplies = G("lxdscope_fan_icmp_echo_replies", "ICMP echo requests between the member and the peer that were answered.", "cluster", "member", "peer");
        fanEchoLost = G("lxdscope_fan_icmp_echo_lost", "ICMP echo requests between the member and the peer with no reply within 2 s.", "cluster", "member", "peer");
        fanEchoRtt = G("lxdscope_fan_icmp_echo_rtt_mean_seconds", "Mean round trip of answered echoes between the member and the peer, seen on the member's underlay.", "cluster", "member", "peer");
        fanWrongVtep = G("lxdscope_fan_wrong_vtep_packets", "Frames for the peer's containers encapsulated to another member's VTEP (fan map mismatch).", "cluster", "member", "peer");
        fanVniMismatch = G("lxdscope_fan_vni_mismatch_packets", "VXLAN packets between the member and the peer whose VNI is not the overlay network >> 8.", "cluster", "member", "peer");
        fanOversize = G("lxdscope_fan_oversize_packets", "Inner packets between the member and the peer larger than the fan MTU.", "cluster", "member", "peer");
        fanFragNeeded = G("lxdscope_fan_fragmentation_needed_packets", "ICMP fragmentation-needed messages about traffic between the member and the peer.", "cluster", "member", "peer");
        fanProbeSent = G("lxdscope_fan_probe_sent", "Echoes the member's agent sent to the peer's fan bridge in its latest probe round, by kind (small, mtu: DF set at the fan MTU).", "cluster", "member", "peer", "kind");
        fanProbeReplied = G("lxdscope_fan_probe_replied", "Echoes of the latest probe round the peer's fan bridge answered, by kind (small, mtu).", "cluster", "member", "peer", "kind");
        fanProbeRtt = G("lxdscope_fan_probe_rtt_seconds", "Mean round trip of the latest probe round to the peer's fan bridge, by kind (small, mtu).", "cluster", "member", "peer", "kind");
        fanCapturePackets = G("lxdscope_fan_capture_packets", "VXLAN packets the member's fan capture decoded since its agent started.", "cluster", "member");
        fanCaptureDropped = G("lxdscope_fan_capture_kernel_dropped_packets", "Packets the kernel dropped before the member's fan capture read them (counts incomplete when above 0).", "cluster", "member");
        fanCaptureEvicted = G("lxdscope_fan_capture_evicted_entries", "Correlation entries the member's fan capture could not keep (tables full).", "cluster", "member");
        ingested = f.CreateCounter("lxdscope_ingest_reports_total", "Reports received, by result: accepted, duplicate (acknowledged again, not counted twice), or the reason for refusing.", "result");
        clamped = f.CreateCounter("lxdscope_ingest_clamped_timestamps_total", "Accepted reports whose absurd timestamps were replaced with the collector's time.");
        storeFailures = f.CreateCounter("lxdscope_ingest_store_failures_total", "Reports answered 503 because the collector's database could not take them.");
        rateLimited = f.CreateCounter("lxdscope_http_rate_limited_total", "Requests refused with 429 because their credential (or address, without one) sent too many, by policy: ingest or api.", "policy");
        // Set once: which build answers this scrape.
        f.CreateGauge("lxdscope_build_info", "The collector's own version (always 1).", "version").WithLabels(BuildInfo.Version).Set(1);
        consoleQueries = f.CreateCounter("lxdscope_console_queries_total", "SQL console queries and diffs, each with its audit record, by outcome: ok, refused (not run) or error (run and failed).", "outcome");
        foreach (var outcome in Enum.GetValues<ConsoleOutcome>())
        {
            consoleQueries.WithLabels(AuditText.Of(outcome));
        }

        events = f.CreateCounter("lxdscope_cluster_events_total", "Events seen (member-offline, member-online, quorum-lost, quorum-regained, leader-changed, agent-silent, agent-back).", "cluster", "kind");
    }

    public CollectorRegistry Registry { get; }

    public void Update(ClusterStatus status, long leaderChangeCount)
    {
        ArgumentNullException.ThrowIfNull(status);
        var c = status.Name;
        lock (gate)
        {
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

                SetIf(heartbeatAge, m.HeartbeatAgeSeconds, c, m.Name);
                SetIf(memberSchema, m.Schema, c, m.Name);
                SetIf(memberApiExtensions, m.ApiExtensions, c, m.Name);
                SetIf(raftTerm, m.RaftTerm, c, m.Name);
                SetIf(raftLastIndex, m.RaftLastIndex, c, m.Name);
                SetIf(raftLastTerm, m.RaftLastTerm, c, m.Name);
                SetIf(raftDiskFree, m.RaftDiskFreeBytes, c, m.Name);
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
            SetIf(globalAge, status.GlobalAgeSeconds, c);

            foreach (var e in status.Reachability)
            {
                reachable.Set(e.Reachable ? 1 : 0, c, e.From, e.To);
                SetIf(connectSeconds, e.TcpConnectSeconds, c, e.From, e.To);
                SetIf(tlsSeconds, e.TlsHandshakeSeconds, c, e.From, e.To);
                SetIf(certificateVerified, e.CertificateVerified is { } verified ? (verified ? 1 : 0) : null, c, e.From, e.To);
            }

            if (status.Inventory is { } inv)
            {
                foreach (var i in inv.Instances)
                {
                    instances.Set(i.Count, c, i.Member, i.Project, i.Type, i.Status);
                }

                images.Set(inv.Images, c);
                storagePools.Set(inv.StoragePools, c);
                networks.Set(inv.Networks, c);
                foreach (var w in inv.LxdWarnings)
                {
                    lxdWarnings.Set(w.Count, c, w.Type, w.Status);
                }
            }

            foreach (var a in status.Agents)
            {
                agentUp.Set(a.Up ? 1 : 0, c, a.AgentId, a.Member ?? "");
                agentLastReport.Set(a.LastReportAt.ToUnixTimeMilliseconds() / 1000.0, c, a.AgentId);
                agentSequence.Set(a.Sequence, c, a.AgentId);
                foreach (var r in a.Collectors)
                {
                    collectorSuccess.Set(r.Success ? 1 : 0, c, a.AgentId, r.Name);
                    collectorDuration.Set(r.DurationSeconds, c, a.AgentId, r.Name);
                }

                agentRss.Set(a.Self.RssBytes, c, a.AgentId);
                agentCycleCpu.Set(a.Self.CycleCpuSeconds, c, a.AgentId);
                agentSpoolDepth.Set(a.Self.SpoolDepth, c, a.AgentId);
                agentSpoolDropped.Set(a.Self.SpoolDropped, c, a.AgentId);
                if (a.Self.LxdApiRequests is { } requests)
                {
                    agentLxdRequests.Set(requests, c, a.AgentId);
                }

                if (a.Self.LxdApiResponseBytes is { } responseBytes)
                {
                    agentLxdResponseBytes.Set(responseBytes, c, a.AgentId);
                }

                if (a.Self.LxdFileBytes is { } fileBytes)
                {
                    agentLxdFileBytes.Set(fileBytes, c, a.AgentId);
                }
            }

            UpdateFan(status, c);
            foreach (var s in all)
            {
                s.EndRound(c);
            }
        }
    }

    private void UpdateFan(ClusterStatus status, string c)
    {
        foreach (var e in status.Fan)
        {
            var p = e.Peer;
            fanVerdict.Set(1, c, e.From, e.To, p.Verdict);
            fanHealthy.Set(p.Verdict == "healthy" ? 1 : 0, c, e.From, e.To);
            fanPackets.Set(p.PacketsOut, c, e.From, e.To, "out");
            fanPackets.Set(p.PacketsIn, c, e.From, e.To, "in");
            fanArpRequests.Set(p.ArpRequests, c, e.From, e.To);
            fanArpUnanswered.Set(p.ArpUnanswered, c, e.From, e.To);
            fanEchoRequests.Set(p.EchoRequests, c, e.From, e.To);
            fanEchoReplies.Set(p.EchoReplies, c, e.From, e.To);
            fanEchoLost.Set(p.EchoLost, c, e.From, e.To);
            if (p.EchoReplies > 0)
            {
                fanEchoRtt.Set(p.RttSumSeconds / p.EchoReplies, c, e.From, e.To);
            }

            fanWrongVtep.Set(p.WrongVtep, c, e.From, e.To);
            fanVniMismatch.Set(p.VniMismatch, c, e.From, e.To);
            fanOversize.Set(p.Oversize, c, e.From, e.To);
            fanFragNeeded.Set(p.FragmentationNeeded, c, e.From, e.To);
            foreach (var (kind, probe) in new[] { ("small", p.Probe), ("mtu", p.MtuProbe) })
            {
                if (probe is not null)
                {
                    fanProbeSent.Set(probe.Sent, c, e.From, e.To, kind);
                    fanProbeReplied.Set(probe.Replied, c, e.From, e.To, kind);
                    SetIf(fanProbeRtt, probe.RttAvgSeconds, c, e.From, e.To, kind);
                }
            }
        }

        foreach (var f in status.FanCaptures)
        {
            fanCapturePackets.Set(f.Packets, c, f.Member);
            fanCaptureDropped.Set(f.KernelDropped, c, f.Member);
            fanCaptureEvicted.Set(f.Evicted, c, f.Member);
        }
    }

    /// <summary>Brings the ingest counters up to date, just before a scrape.</summary>
    public void UpdateIngest(IngestCounters counters)
    {
        ArgumentNullException.ThrowIfNull(counters);
        ingested.WithLabels("accepted").IncTo(counters.Accepted);
        ingested.WithLabels("duplicate").IncTo(counters.Duplicates);
        foreach (var (reason, count) in counters.Rejected)
        {
            ingested.WithLabels(RejectLabel(reason)).IncTo(count);
        }

        clamped.IncTo(counters.Clamped);
        storeFailures.IncTo(counters.StoreFailures);
    }

    /// <summary>Brings the rate-limit counters up to date, just before a scrape.</summary>
    public void UpdateRateLimits(RateLimitCounters counters)
    {
        ArgumentNullException.ThrowIfNull(counters);
        rateLimited.WithLabels(CollectorRateLimits.IngestPolicy).IncTo(counters.Ingest);
        rateLimited.WithLabels(CollectorRateLimits.ApiPolicy).IncTo(counters.Api);
    }

    /// <summary>Brings the console's counters up to date, just before a scrape.</summary>
    public void UpdateConsoleQueries(ConsoleQueryCounters counters)
    {
        ArgumentNullException.ThrowIfNull(counters);
        foreach (var outcome in Enum.GetValues<ConsoleOutcome>())
        {
            consoleQueries.WithLabels(AuditText.Of(outcome)).IncTo(counters[outcome]);
        }
    }

    private static string RejectLabel(IngestRejectReason reason) => reason switch
    {
        IngestRejectReason.Unauthorized => "unauthorized",
        IngestRejectReason.Forbidden => "forbidden",
        IngestRejectReason.TooLarge => "too_large",
        IngestRejectReason.UnsupportedEncoding => "unsupported_encoding",
        IngestRejectReason.BadBody => "bad_body",
        IngestRejectReason.MalformedJson => "malformed_json",
        IngestRejectReason.Invalid => "invalid",
        _ => "other",
    };

    public void CountEvents(IReadOnlyList<ClusterEvent> list)
    {
        ArgumentNullException.ThrowIfNull(list);
        foreach (var e in list)
        {
            events.WithLabels(e.Cluster, e.Kind).Inc();
        }
    }

    /// <summary>A cluster with no agents left: every series of it goes.</summary>
    public void Remove(string cluster)
    {
        lock (gate)
        {
            foreach (var s in all)
            {
                s.EndRound(cluster);
            }
        }
    }

    private static void SetIf(SeriesSet set, double? value, params string[] labels)
    {
        if (value is { } v)
        {
            set.Set(v, labels);
        }
    }

    private static void SetIf(SeriesSet set, ulong? value, params string[] labels) =>
        SetIf(set, value is { } v ? (double)v : null, labels);

    private static void SetIf(SeriesSet set, long? value, params string[] labels) =>
        SetIf(set, value is { } v ? (double)v : null, labels);

    private static void SetIf(SeriesSet set, int? value, params string[] labels) =>
        SetIf(set, value is { } v ? (double)v : null, labels);
}
