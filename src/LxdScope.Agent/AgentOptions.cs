using System.Globalization;
using LxdScope.Agent.Fan;
using LxdScope.Fan.Addressing;
using LxdScope.Fan.Diagnosis;
using LxdScope.Fan.Mapping;
using LxdScope.Lxd.Api;
using LxdScope.Lxd.Content;
using LxdScope.Lxd.Safety;
using Microsoft.Extensions.Configuration;

namespace LxdScope.Agent;

/// <summary>
/// The agent's settings, from the "Agent" section of its configuration (a JSON file, then
/// LXDSCOPE_Agent__* environment variables, then flags). The token is never logged or reported.
/// </summary>
public sealed record AgentOptions
{
    public static readonly IReadOnlyList<string> CollectorNames = ["local", "global", "raft", "instances", "reachability", "local-content", "global-content", "fan"];

    public required string Cluster { get; init; }

    public required string AgentId { get; init; }

    /// <summary>
    /// The collectors, preferred first (Agent:Collector: one URL, a comma-separated list, or a
    /// JSON array). Several only with collectors sharing one PostgreSQL store. Empty with --once,
    /// which prints the report instead of sending it.
    /// </summary>
    public IReadOnlyList<Uri> CollectorUrls { get; init; } = [];

    /// <summary>With several collectors, how long after leaving the first one it is tried again.</summary>
    public TimeSpan FailbackAfter { get; init; } = TimeSpan.FromMinutes(2);

    public string? Token { get; init; }

    /// <summary>PEM CA (or the collector's own certificate) to trust for an https collector, beside the system's.</summary>
    public string? CollectorCaFile { get; init; }

    /// <summary>PEM client certificate for collectors that authenticate agents by certificate; its key in <see cref="ClientKeyFile"/> or the same file.</summary>
    public string? ClientCertificateFile { get; init; }

    public string? ClientKeyFile { get; init; }

    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(10);

    public string? LxdDir { get; init; }

    public string SpoolDirectory { get; init; } = "/var/lib/lxdscope/spool";

    /// <summary>At most this many reports wait in the spool (Agent:Spool:MaxReports); the oldest are dropped first.</summary>
    public int SpoolMaxReports { get; init; } = 8_640;

    /// <summary>At most this many bytes of gzip'd reports wait in the spool (Agent:Spool:MaxBytes).</summary>
    public long SpoolMaxBytes { get; init; } = 256L * 1024 * 1024;

    public TimeSpan CollectorTimeout { get; init; } = TimeSpan.FromSeconds(5);

    public TimeSpan ProbeTimeout { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>LXD's /1.0/metrics answer is refused beyond this (Agent:MaxLxdMetricsBytes).</summary>
    public int MaxLxdMetricsBytes { get; init; } = DefaultMaxLxdMetricsBytes;

    /// <summary>Requests one cycle may send on LXD's socket; beyond it the collector asking fails (Agent:MaxLxdRequestsPerCycle).</summary>
    public int MaxLxdRequestsPerCycle { get; init; } = DefaultMaxLxdRequestsPerCycle;

    /// <summary>Bytes of LXD's answers one cycle may read; reading stops there (Agent:MaxLxdResponseBytesPerCycle).</summary>
    public long MaxLxdResponseBytesPerCycle { get; init; } = DefaultMaxLxdResponseBytesPerCycle;

    public const int DefaultMaxLxdMetricsBytes = 4 * 1024 * 1024;

    /// <summary>
    /// A cycle sends about ten requests; one that reads the global database's content for the
    /// console adds one per table (about 70 on LXD 5.0), so 500 leaves room for newer schemas.
    /// </summary>
    public const int DefaultMaxLxdRequestsPerCycle = 500;

    public const long DefaultMaxLxdResponseBytesPerCycle = 64L * 1024 * 1024;

    public LxdCallBudget LxdBudget => new(MaxLxdRequestsPerCycle, MaxLxdResponseBytesPerCycle);

    /// <summary>
    /// How often database content for the SQL console is confirmed, and at most how often the
    /// global database is read for it. A change in local.db goes out at the next cycle.
    /// </summary>
    public TimeSpan ContentInterval { get; init; } = TimeSpan.FromSeconds(60);

    public IReadOnlySet<string> Disabled { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>
    /// Secrets in database content are replaced by markers before it leaves the host
    /// (Agent:Content:RedactSecrets, default true; false is logged as a warning at start).
    /// </summary>
    public bool RedactSecrets { get; init; } = true;

    /// <summary>The redaction rules: <see cref="RedactionRule.Defaults"/> plus Agent:Content:Redact (a list, or comma-separated).</summary>
    public IReadOnlyList<RedactionRule> Redactions { get; init; } = RedactionRule.Defaults;

    /// <summary>The fan watch (Agent:Fan:Interface and Agent:Fan:Underlay); null when not configured, and then the fan collector does not run.</summary>
    public FanMonitorOptions? Fan { get; init; }

    /// <exception cref="AgentConfigurationException">A setting is missing or wrong; the message names it.</exception>
    /// <exception cref="OutputPathRefusedException">The spool directory lies in an LXD/Incus directory.</exception>
    public static AgentOptions From(IConfiguration configuration, bool requireCollector)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var s = configuration.GetSection("Agent");
        var cluster = s["Cluster"];
        if (string.IsNullOrWhiteSpace(cluster))
        {
            throw new AgentConfigurationException("Agent:Cluster is required (--cluster): the name of the cluster this agent's token is for.");
        }

        var collectors = CollectorUrlsFrom(s);
        if (collectors.Count == 0 && requireCollector)
        {
            throw new AgentConfigurationException("Agent:Collector is required (--collector URL), unless --once.");
        }

        var token = s["Token"];
        if (string.IsNullOrEmpty(token) && s["TokenFile"] is { Length: > 0 } tokenFile)
        {
            try
            {
                token = File.ReadAllText(tokenFile).Trim();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new AgentConfigurationException($"Agent:TokenFile {tokenFile} cannot be read: {e.Message}");
            }
        }

        if (requireCollector && string.IsNullOrEmpty(token))
        {
            throw new AgentConfigurationException("Agent:Token or Agent:TokenFile is required (--token-file): the collector refuses reports without it.");
        }

        var disabled = (s["Disable"] ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
        foreach (var name in s.GetSection("Collectors").GetChildren())
        {
            if (string.Equals(name["Enabled"] ?? name.Value, "false", StringComparison.OrdinalIgnoreCase))
            {
                disabled.Add(name.Key);
            }
        }

        if (disabled.FirstOrDefault(d => !CollectorNames.Contains(d)) is { } unknown)
        {
            throw new AgentConfigurationException($"Unknown collector '{unknown}'; the collectors are {string.Join(", ", CollectorNames)}.");
        }

        var interval = Duration(s, "Interval", TimeSpan.FromSeconds(10));
        var lxdDir = s["LxdDir"] is { Length: > 0 } dir ? dir : null;
        var spool = s["SpoolDirectory"] is { Length: > 0 } spoolDir ? spoolDir : "/var/lib/lxdscope/spool";
        // The spool is written every cycle: never inside the directory the agent watches.
        OutputPathGuard.Check(spool, "the spool directory (Agent:SpoolDirectory, --spool-dir)", [lxdDir]);
        return new AgentOptions
        {
            Cluster = cluster.Trim(),
            AgentId = s["AgentId"] is { Length: > 0 } id ? id.Trim() : DefaultAgentId(),
            CollectorUrls = collectors,
            FailbackAfter = Duration(s, "FailbackAfter", TimeSpan.FromMinutes(2)),
            Token = token,
            CollectorCaFile = Optional(s, "CollectorCaFile"),
            ClientCertificateFile = Optional(s, "ClientCertificateFile"),
            ClientKeyFile = Optional(s, "ClientKeyFile"),
            Interval = interval,
            LxdDir = lxdDir,
            SpoolDirectory = spool,
            SpoolMaxReports = (int)Number(s.GetSection("Spool"), "MaxReports", 8_640, int.MaxValue),
            SpoolMaxBytes = Number(s.GetSection("Spool"), "MaxBytes", 256L * 1024 * 1024, long.MaxValue),
            // Not cut to a short interval: LXD logs every request given up on mid-answer as an error
            // (seen at 100 ms: "Failed writing error for HTTP response ... broken pipe"), and a
            // cycle that runs past its tick only delays the next one.
            CollectorTimeout = Duration(s, "CollectorTimeout", TimeSpan.FromSeconds(5)),
            ProbeTimeout = Duration(s, "ProbeTimeout", TimeSpan.FromSeconds(1)),
            ContentInterval = Duration(s, "ContentInterval", TimeSpan.FromSeconds(60)),
            MaxLxdMetricsBytes = (int)Number(s, "MaxLxdMetricsBytes", DefaultMaxLxdMetricsBytes, int.MaxValue),
            MaxLxdRequestsPerCycle = (int)Number(s, "MaxLxdRequestsPerCycle", DefaultMaxLxdRequestsPerCycle, int.MaxValue),
            MaxLxdResponseBytesPerCycle = Number(s, "MaxLxdResponseBytesPerCycle", DefaultMaxLxdResponseBytesPerCycle, long.MaxValue),
            Disabled = disabled,
            Fan = FanOptions(s.GetSection("Fan"), interval),
            RedactSecrets = RedactSecretsFrom(s.GetSection("Content")),
            Redactions = [.. RedactionRule.Defaults, .. ExtraRedactions(s.GetSection("Content"))],
        };
    }

    private static bool RedactSecretsFrom(IConfigurationSection s) => s["RedactSecrets"] switch
    {
        null or "" => true,
        var v when bool.TryParse(v.Trim(), out var on) => on,
        var v => throw new AgentConfigurationException($"Agent:Content:RedactSecrets must be true or false, not '{v}'."),
    };

    // "Redact": ["instances_config:user.secret-*", "mytable.column"] in the file, or comma-separated in a variable.
    private static List<RedactionRule> ExtraRedactions(IConfigurationSection s)
    {
        var texts = s["Redact"] is { Length: > 0 } list
            ? list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : s.GetSection("Redact").GetChildren().Select(c => c.Value ?? "").Where(v => v.Length > 0).ToArray();
        try
        {
            return texts.Select(RedactionRule.Parse).ToList();
        }
        catch (FormatException e)
        {
            throw new AgentConfigurationException($"Agent:Content:Redact: {e.Message}");
        }
    }

    private static string? Optional(IConfigurationSection s, string key) => s[key] is { Length: > 0 } value ? value.Trim() : null;

    private static FanMonitorOptions? FanOptions(IConfigurationSection s, TimeSpan interval)
    {
        if (s["Interface"] is not { Length: > 0 } iface)
        {
            return null;
        }

        try
        {
            var underlay = s["Underlay"] is { Length: > 0 } u
                ? Ipv4Subnet.Parse(u)
                : throw new AgentConfigurationException("Agent:Fan:Underlay is required with Agent:Fan:Interface: LXD's fan.underlay_subnet, e.g. 192.168.0.0/16.");
            var options = new FanMonitorOptions
            {
                Interface = iface,
                Underlay = underlay,
                Overlay = s["Overlay"] is { Length: > 0 } o ? Ipv4Subnet.Parse(o) : Ipv4Subnet.Parse("240.0.0.0/8"),
                UnderlayMtu = s["UnderlayMtu"] is { Length: > 0 } m ? int.Parse(m, CultureInfo.InvariantCulture) : 1500,
                Port = s["Port"] is { Length: > 0 } p ? ushort.Parse(p, CultureInfo.InvariantCulture) : (ushort)8472,
                ProbeInterval = Duration(s, "ProbeInterval", interval),
                MtuProbe = !string.Equals(s["MtuProbe"], "false", StringComparison.OrdinalIgnoreCase),
                Thresholds = new FanThresholds
                {
                    LossRate = s["LossThreshold"] is { Length: > 0 } l ? double.Parse(l.TrimEnd('%', ' '), NumberStyles.Float, CultureInfo.InvariantCulture) / 100 : new FanThresholds().LossRate,
                },
            };
            if (options.Thresholds.Problem() is { } problem)
            {
                throw new AgentConfigurationException($"Agent:Fan:LossThreshold: {problem}.");
            }

            _ = new FanMap(options.Overlay, options.Underlay, options.UnderlayMtu);
            return options;
        }
        catch (Exception e) when (e is FormatException or ArgumentException or OverflowException)
        {
            throw new AgentConfigurationException($"Agent:Fan: {e.Message}");
        }
    }

    // "Collector": "https://a:9470" or "https://a:9470,https://b:9470" (flags, environment), or
    // "Collector": ["https://a:9470", "https://b:9470"] in the JSON file (Collector:0, Collector:1).
    private static List<Uri> CollectorUrlsFrom(IConfigurationSection s)
    {
        var texts = s["Collector"] is { Length: > 0 } list
            ? list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : s.GetSection("Collector").GetChildren().Select(c => c.Value ?? "").Where(v => v.Length > 0).ToArray();
        var urls = new List<Uri>();
        foreach (var text in texts)
        {
            if (!Uri.TryCreate(text, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
            {
                throw new AgentConfigurationException($"Agent:Collector must be http(s) URLs, not '{text}'.");
            }

            if (urls.Any(u => string.Equals(u.AbsoluteUri.TrimEnd('/'), url.AbsoluteUri.TrimEnd('/'), StringComparison.OrdinalIgnoreCase)))
            {
                throw new AgentConfigurationException($"Agent:Collector lists {text} twice.");
            }

            urls.Add(url);
        }

        return urls;
    }

    /// <summary>The machine id (stable across reboots and renames), else the host name.</summary>
    public static string DefaultAgentId()
    {
        try
        {
            var id = File.ReadAllText("/etc/machine-id").Trim();
            if (id.Length > 0)
            {
                return $"{Environment.MachineName}-{id[..Math.Min(12, id.Length)]}";
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        return Environment.MachineName;
    }

    /// <summary>A whole number from 1 to <paramref name="max"/>, or <paramref name="fallback"/> when the key is absent.</summary>
    private static long Number(IConfigurationSection s, string key, long fallback, long max)
    {
        var text = s[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        return long.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= 1 && value <= max
            ? value
            : throw new AgentConfigurationException($"{s.Path}:{key} must be a whole number between 1 and {max}, not '{text}'.");
    }

    /// <summary>"10s", "500ms", "2m" or a .NET TimeSpan ("00:00:10").</summary>
    private static TimeSpan Duration(IConfigurationSection s, string key, TimeSpan fallback)
    {
        var text = s[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        text = text.Trim();
        TimeSpan? value = text switch
        {
            _ when text.EndsWith("ms", StringComparison.Ordinal) && double.TryParse(text[..^2], CultureInfo.InvariantCulture, out var ms) => TimeSpan.FromMilliseconds(ms),
            _ when text.EndsWith('s') && double.TryParse(text[..^1], CultureInfo.InvariantCulture, out var sec) => TimeSpan.FromSeconds(sec),
            _ when text.EndsWith('m') && double.TryParse(text[..^1], CultureInfo.InvariantCulture, out var min) => TimeSpan.FromMinutes(min),
            _ when TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var ts) => ts,
            _ => null,
        };
        return value is { } v && v > TimeSpan.Zero && v <= TimeSpan.FromHours(1)
            ? v
            : throw new AgentConfigurationException($"Agent:{key} must be a duration between 0 and 1h such as 10s or 500ms, not '{text}'.");
    }
}
