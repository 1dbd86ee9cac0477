using LxdScope.Collector.State;

namespace LxdScope.Collector.Metrics;

/// <summary>Each agent: its latest report, its data sources' success and duration, its own footprint.</summary>
internal static class AgentMetrics
{
    public static IReadOnlyList<ClusterFamily> Families { get; } =
    [
        ClusterFamily.Gauge("lxdscope_agent_up", "1 while the agent reports within its lease (three intervals).", ["cluster", "agent", "member"], static (c, w) =>
        {
            foreach (var a in c.Status.Agents)
            {
                w.Sample(a.Up ? 1 : 0, c.Name, a.AgentId, a.Member ?? "");
            }
        }),
        PerAgent("lxdscope_agent_last_report_timestamp_seconds", "When the agent's latest report arrived (Unix time).", a => a.LastReportAt.ToUnixTimeMilliseconds() / 1000.0),
        PerAgent("lxdscope_agent_last_sequence", "Sequence number of the agent's latest report.", a => a.Sequence),
        PerCollector("lxdscope_agent_collector_success", "1 when the agent's collector succeeded in its latest report.", r => r.Success ? 1 : 0),
        PerCollector("lxdscope_agent_collector_duration_seconds", "How long the agent's collector took in its latest report.", r => r.DurationSeconds),
        PerAgent("lxdscope_agent_resident_memory_bytes", "The agent's resident memory.", a => a.Self.RssBytes),
        PerAgent("lxdscope_agent_cycle_cpu_seconds", "CPU time of the agent's latest collection cycle.", a => a.Self.CycleCpuSeconds),
        PerAgent("lxdscope_agent_spool_reports", "Reports waiting in the agent's on-disk spool.", a => a.Self.SpoolDepth),
        PerAgent("lxdscope_agent_spool_dropped_reports", "Reports the agent dropped because its spool was full, since it started.", a => a.Self.SpoolDropped),
        PerAgent("lxdscope_agent_cycle_lxd_api_requests", "Requests the agent's latest collection cycle sent on LXD's unix socket.", a => a.Self.LxdApiRequests),
        PerAgent("lxdscope_agent_cycle_lxd_api_response_bytes", "Bytes of LXD's API answers the agent's latest collection cycle read.", a => a.Self.LxdApiResponseBytes),
        PerAgent("lxdscope_agent_cycle_lxd_file_read_bytes", "Bytes the agent's latest collection cycle read from LXD's files (local.db, raft files, cluster.crt).", a => a.Self.LxdFileBytes),
    ];

    /// <summary>One series per agent with a value (an older agent may not send every one).</summary>
    private static ClusterFamily PerAgent(string name, string help, Func<AgentView, double?> value) =>
        ClusterFamily.Gauge(name, help, ["cluster", "agent"], (c, w) =>
        {
            foreach (var a in c.Status.Agents)
            {
                if (value(a) is { } v)
                {
                    w.Sample(v, c.Name, a.AgentId);
                }
            }
        });

    private static ClusterFamily PerCollector(string name, string help, Func<Contracts.CollectorResult, double> value) =>
        ClusterFamily.Gauge(name, help, ["cluster", "agent", "collector"], (c, w) =>
        {
            foreach (var a in c.Status.Agents)
            {
                foreach (var r in a.Collectors)
                {
                    w.Sample(value(r), c.Name, a.AgentId, r.Name);
                }
            }
        });
}
