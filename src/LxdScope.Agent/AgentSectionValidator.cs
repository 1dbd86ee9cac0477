using Microsoft.Extensions.Options;

namespace LxdScope.Agent;

/// <summary>
/// Refuses an agent configuration it could not run with, at start, naming each wrong setting.
/// Each feature checks its own section (Spool, Content, Fan); this checks the rest and collects
/// every failure.
/// </summary>
/// <param name="requireCollector">Pushing: a collector and a token are needed (not with --once).</param>
internal sealed class AgentSectionValidator(bool requireCollector) : IValidateOptions<AgentSection>
{
    internal const string TokenRequired = "Agent:Token or Agent:TokenFile is required (--token-file): the collector refuses reports without it.";

    public ValidateOptionsResult Validate(string? name, AgentSection options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (!ConfigValue.IsSet(options.Cluster))
        {
            failures.Add("Agent:Cluster is required (--cluster): the name of the cluster this agent's token is for.");
        }

        CheckCollectors(failures, options.Collector);
        if (options.Collector.Count == 0 && requireCollector)
        {
            failures.Add("Agent:Collector is required (--collector URL), unless --once.");
        }

        if (requireCollector && string.IsNullOrEmpty(options.Token) && !ConfigValue.IsSet(options.TokenFile))
        {
            failures.Add(TokenRequired);
        }

        if (options.Disabled.FirstOrDefault(d => !AgentOptions.SourceNames.Contains(d)) is { } unknown)
        {
            failures.Add($"Unknown collector '{unknown}'; the collectors are {string.Join(", ", AgentOptions.SourceNames)}.");
        }

        foreach (var (source, on) in options.Collectors)
        {
            ConfigValue.CheckBoolean(failures, $"Agent:Collectors:{source}:Enabled", on.Enabled);
        }

        foreach (var (key, value) in new[]
        {
            (nameof(options.Interval), options.Interval), (nameof(options.FailbackAfter), options.FailbackAfter),
            (nameof(options.CollectorTimeout), options.CollectorTimeout), (nameof(options.ProbeTimeout), options.ProbeTimeout),
            (nameof(options.ContentInterval), options.ContentInterval),
        })
        {
            ConfigValue.CheckDuration(failures, $"Agent:{key}", value);
        }

        ConfigValue.CheckNumber(failures, "Agent:MaxLxdMetricsBytes", options.MaxLxdMetricsBytes, int.MaxValue);
        ConfigValue.CheckNumber(failures, "Agent:MaxLxdRequestsPerCycle", options.MaxLxdRequestsPerCycle, int.MaxValue);
        ConfigValue.CheckNumber(failures, "Agent:MaxLxdResponseBytesPerCycle", options.MaxLxdResponseBytesPerCycle, long.MaxValue);
        options.Spool.Validate(failures);
        options.Content.Validate(failures);
        options.Fan.Validate(failures, ConfigValue.TryDuration(options.Interval, TimeSpan.FromSeconds(10), out var interval) ? interval : TimeSpan.FromSeconds(10));
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    // Absolute http(s) URLs, none listed twice.
    private static void CheckCollectors(List<string> failures, IList<string> texts)
    {
        var seen = new List<Uri>();
        foreach (var text in texts)
        {
            if (!Uri.TryCreate(text, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
            {
                failures.Add($"Agent:Collector must be http(s) URLs, not '{text}'.");
            }
            else if (seen.Any(u => string.Equals(u.AbsoluteUri.TrimEnd('/'), url.AbsoluteUri.TrimEnd('/'), StringComparison.OrdinalIgnoreCase)))
            {
                failures.Add($"Agent:Collector lists {text} twice.");
            }
            else
            {
                seen.Add(url);
            }
        }
    }
}
