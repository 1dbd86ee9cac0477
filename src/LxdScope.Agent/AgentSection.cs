using LxdScope.Agent.Sources;
using LxdScope.Agent.Content;
using LxdScope.Agent.Fan;
using LxdScope.Agent.Push;
using Microsoft.Extensions.Configuration;

namespace LxdScope.Agent;

/// <summary>
/// Configuration section <c>Agent</c> as bound from the JSON file, LXDSCOPE_Agent__* environment
/// variables and flags: every key the agent reads, as text in the agent's own syntax (durations
/// such as 10s). <see cref="AgentSectionValidator"/> checks it; <see cref="AgentOptions.From"/>
/// turns it into the options the agent runs with. deploy/config/agent.json documents every key.
/// </summary>
internal sealed class AgentSection
{
    public const string Name = "Agent";

    public string? Cluster { get; set; }

    public string? AgentId { get; set; }

    /// <summary>The collectors' URLs, preferred first: a list, or one comma-separated value.</summary>
    public IList<string> Collector { get; set; } = [];

    public string? FailbackAfter { get; set; }

    public string? Token { get; set; }

    public string? TokenFile { get; set; }

    public string? CollectorCaFile { get; set; }

    public string? ClientCertificateFile { get; set; }

    public string? ClientKeyFile { get; set; }

    public string? Interval { get; set; }

    public string? LxdDir { get; set; }

    public string? SpoolDirectory { get; set; }

    public SpoolSection Spool { get; set; } = new();

    /// <summary>Each source's time limit per cycle (the key named as <see cref="SourceSwitchSection"/> says).</summary>
    public string? CollectorTimeout { get; set; }

    public string? ProbeTimeout { get; set; }

    public string? ContentInterval { get; set; }

    public string? MaxLxdMetricsBytes { get; set; }

    public string? MaxLxdRequestsPerCycle { get; set; }

    public string? MaxLxdResponseBytesPerCycle { get; set; }

    /// <summary>Sources to switch off, comma-separated.</summary>
    public string? Disable { get; set; }

    /// <summary>The same per source: Collectors:NAME:Enabled (or Collectors:NAME) false; see <see cref="SourceSwitchSection"/> for the key's name.</summary>
    public IDictionary<string, SourceSwitchSection> Collectors { get; set; } = new Dictionary<string, SourceSwitchSection>(StringComparer.Ordinal);

    public ContentSection Content { get; set; } = new();

    public FanWatchSection Fan { get; set; } = new();

    internal TimeSpan IntervalValue => ConfigValue.Duration(Interval, TimeSpan.FromSeconds(10));

    /// <summary>The sources switched off by either setting.</summary>
    internal HashSet<string> Disabled =>
    [
        .. (Disable ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
        .. Collectors.Where(c => string.Equals(c.Value.Enabled?.Trim(), "false", StringComparison.OrdinalIgnoreCase)).Select(c => c.Key),
    ];

    /// <summary>The section of <paramref name="configuration"/>, bound, with the forms the binder does not read.</summary>
    public static AgentSection Bind(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(Name);
        var bound = new AgentSection();
        section.Bind(bound);
        bound.Collector = ConfigList.Read(section.GetSection(nameof(Collector)), bound.Collector);
        // "Collectors": { "raft": false } as well as { "raft": { "Enabled": false } }.
        foreach (var child in section.GetSection(nameof(Collectors)).GetChildren().Where(c => c.Value is not null))
        {
            bound.Collectors[child.Key] = new SourceSwitchSection { Enabled = child.Value };
        }

        bound.Content.Complete(section.GetSection(nameof(Content)));
        return bound;
    }
}
