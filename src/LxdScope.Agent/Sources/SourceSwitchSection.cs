namespace LxdScope.Agent.Sources;

/// <summary>
/// Configuration section <c>Agent:Collectors:NAME</c>: one source's switch, as bound. The key keeps
/// node_exporter's word for a source (as do the lxdscope_agent_collector_* metrics and the report's
/// <c>collectors</c>), so operators' files and dashboards stay valid.
/// </summary>
internal sealed class SourceSwitchSection
{
    /// <summary>false switches the source off. Default true.</summary>
    public string? Enabled { get; set; }
}
