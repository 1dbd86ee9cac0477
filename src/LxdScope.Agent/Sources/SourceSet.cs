using LxdScope.Agent.Content;
using LxdScope.Agent.Fan;

namespace LxdScope.Agent.Sources;

/// <summary>The agent's sources, listed explicitly (no discovery), minus those switched off.</summary>
internal static class SourceSet
{
    /// <summary>The first group runs in parallel; the second runs after it and reads its results.</summary>
    /// <param name="feedback">What the collector's answers asked of the content sources.</param>
    public static (IReadOnlyList<IAgentSource> First, IReadOnlyList<IAgentSource> Second) Create(AgentOptions options, ContentFeedback feedback)
    {
        ArgumentNullException.ThrowIfNull(options);
        var redaction = new ContentRedaction(options.RedactSecrets, options.Redactions, options.SpoolDirectory);
        IAgentSource[] first =
        [
            new LocalDatabaseSource(),
            new GlobalDatabaseSource(),
            new RaftFilesSource(),
            new InstancesSource(options.MaxLxdMetricsBytes),
            new LocalContentSource(options.ContentInterval, feedback, redaction),
        ];
        List<IAgentSource> second = [new GlobalContentSource(options.ContentInterval, feedback, redaction), new ReachabilitySource(options.ProbeTimeout)];
        if (options.Fan is { } fan)
        {
            second.Add(new FanSource(fan));
        }

        return (first.Where(c => !options.Disabled.Contains(c.Name)).ToList(), second.Where(c => !options.Disabled.Contains(c.Name)).ToList());
    }
}
