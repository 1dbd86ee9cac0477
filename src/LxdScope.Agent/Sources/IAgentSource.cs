namespace LxdScope.Agent.Sources;

/// <summary>
/// One source of facts about this host, node_exporter style: it fills its own section of the
/// context or throws; the cycle times it, bounds it and records success or the error.
/// </summary>
internal interface IAgentSource
{
    /// <summary>The name in configuration (Collectors:NAME:Enabled) and in lxdscope_agent_collector_* metrics.</summary>
    string Name { get; }

    Task CollectAsync(CollectionContext context, CancellationToken ct);
}
