using LxdScope.Collector.State;

namespace LxdScope.Collector.Metrics;

/// <summary>Each agent: its latest report, its data sources' success and duration, its own footprint.</summary>
internal sealed class AgentMetrics(SeriesSets series)
{
    private readonly SeriesSet agentUp = series.Gauge("lxdscope_agent_up", "1 while the agent reports within its lease (three intervals).", "cluster", "agent", "member");
    private readonly SeriesSet agentLastReport = series.Gauge("lxdscope_agent_last_report_timestamp_seconds", "When the agent's latest report arrived (Unix time).", "cluster", "agent");
    private readonly SeriesSet agentSequence = series.Gauge("lxdscope_agent_last_sequence", "Sequence number of the agent's latest report.", "cluster", "agent");
    private readonly SeriesSet collectorSuccess = series.Gauge("lxdscope_agent_collector_success", "1 when the agent's collector succeeded in its latest report.", "cluster", "agent", "collector");
    private readonly SeriesSet collectorDuration = series.Gauge("lxdscope_agent_collector_duration_seconds", "How long the agent's collector took in its latest report.", "cluster", "agent", "collector");
    private readonly SeriesSet agentRss = series.Gauge("lxdscope_agent_resident_memory_bytes", "The agent's resident memory.", "cluster", "agent");
    private readonly SeriesSet agentCycleCpu = series.Gauge("lxdscope_agent_cycle_cpu_seconds", "CPU time of the agent's latest collection cycle.", "cluster", "agent");
    private readonly SeriesSet agentSpoolDepth = series.Gauge("lxdscope_agent_spool_reports", "Reports waiting in the agent's on-disk spool.", "cluster", "agent");
    private readonly SeriesSet agentSpoolDropped = series.Gauge("lxdscope_agent_spool_dropped_reports", "Reports the agent dropped because its spool was full, since it started.", "cluster", "agent");
    private readonly SeriesSet agentLxdRequests = series.Gauge("lxdscope_agent_cycle_lxd_api_requests", "Requests the agent's latest collection cycle sent on LXD's unix socket.", "cluster", "agent");
    private readonly SeriesSet agentLxdResponseBytes = series.Gauge("lxdscope_agent_cycle_lxd_api_response_bytes", "Bytes of LXD's API answers the agent's latest collection cycle read.", "cluster", "agent");
    private readonly SeriesSet agentLxdFileBytes = series.Gauge("lxdscope_agent_cycle_lxd_file_read_bytes", "Bytes the agent's latest collection cycle read from LXD's files (local.db, raft files, cluster.crt).", "cluster", "agent");

    public void Update(ClusterStatus status)
    {
        var c = status.Name;
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
            agentLxdRequests.SetIf(a.Self.LxdApiRequests, c, a.AgentId);
            agentLxdResponseBytes.SetIf(a.Self.LxdApiResponseBytes, c, a.AgentId);
            agentLxdFileBytes.SetIf(a.Self.LxdFileBytes, c, a.AgentId);
        }
    }
}
