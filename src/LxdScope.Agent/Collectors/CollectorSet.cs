using LxdScope.Agent.Content;
using LxdScope.Agent.Fan;

namespace LxdScope.Agent.Collectors;

/// <summary>The agent's collectors, listed explicitly (no discovery), minus those switched off.</summary>
public static class CollectorSet
{
    /// <summary>The first group runs in parallel; the second runs after it and reads its results.</summary>
    /// <param name="feedback">What the collector's answers asked of the content collectors.</param>
    public static (IReadOnlyList<IAgentCollector> First, IReadOnlyList<IAgentCollector> Second) Create(AgentOptions options, ContentFeedback feedback)
    {
        ArgumentNullException.ThrowIfNull(options);
        var redaction = new ContentRedaction(options.RedactSecrets, options.Redactions, options.SpoolDirectory);
        IAgentCollector[] first =
        [
            new LocalDatabaseCollector(),
            new GlobalDatabaseCollector(),
            new RaftFilesCollector(),
            new InstancesCollector(options.MaxLxdMetricsBytes),
            new LocalContentCollector(options.ContentInterval, feedback, redaction),
        ];
        List<IAgentCollector> second = [new GlobalContentCollector(options.ContentInterval, feedback, redaction), new ReachabilityCollector(options.ProbeTimeout)];
        if (options.Fan is { } fan)
        {
            second.Add(new FanCollector(fan));
        }

        return (first.Where(c => !options.Disabled.Contains(c.Name)).ToList(), second.Where(c => !options.Disabled.Contains(c.Name)).ToList());
    }
}
