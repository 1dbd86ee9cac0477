using LxdScope.Agent.Fan;
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
    public static readonly IReadOnlyList<string> SourceNames = ["local", "global", "raft", "instances", "reachability", "local-content", "global-content", "fan"];

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

    /// <summary>Each source's time limit per cycle (Agent:CollectorTimeout).</summary>
    public TimeSpan SourceTimeout { get; init; } = TimeSpan.FromSeconds(5);

    public TimeSpan ProbeTimeout { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>LXD's /1.0/metrics answer is refused beyond this (Agent:MaxLxdMetricsBytes).</summary>
    public int MaxLxdMetricsBytes { get; init; } = DefaultMaxLxdMetricsBytes;

    /// <summary>Requests one cycle may send on LXD's socket; beyond it the source asking fails (Agent:MaxLxdRequestsPerCycle).</summary>
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

    /// <summary>
    /// The fan watch (Agent:Fan): by default the fan of LXD's own configuration, when LXD has one; the
    /// settings override LXD's values. Null when Agent:Fan:Enabled is false: the fan collector does not run.
    /// </summary>
    internal FanSettings? Fan { get; init; } = new();

    /// <summary>The "Agent" section of <paramref name="configuration"/>, bound (<see cref="AgentSection"/>) and validated (<see cref="AgentSectionValidator"/>).</summary>
    /// <exception cref="AgentConfigurationException">A setting is missing or wrong; the message names each.</exception>
    /// <exception cref="OutputPathRefusedException">The spool directory lies in an LXD/Incus directory.</exception>
    public static AgentOptions From(IConfiguration configuration, bool requireCollector)
    {
        var s = AgentSection.Bind(configuration);
        if (new AgentSectionValidator(requireCollector).Validate(null, s) is { Failed: true } result)
        {
            throw new AgentConfigurationException(string.Join(" ", result.Failures!));
        }

        var token = ConfigValue.IsSet(s.Token) || !ConfigValue.IsSet(s.TokenFile) ? s.Token : ReadToken(s.TokenFile!);
        if (requireCollector && string.IsNullOrEmpty(token))
        {
            throw new AgentConfigurationException(AgentSectionValidator.TokenRequired); // the file was empty
        }

        var lxdDir = ConfigValue.Optional(s.LxdDir);
        var spool = ConfigValue.IsSet(s.SpoolDirectory) ? s.SpoolDirectory! : "/var/lib/lxdscope/spool";
        // The spool is written every cycle: never inside the directory the agent watches.
        OutputPathGuard.Check(spool, "the spool directory (Agent:SpoolDirectory, --spool-dir)", [lxdDir]);
        var interval = s.IntervalValue;
        return new AgentOptions
        {
            Cluster = s.Cluster!.Trim(),
            AgentId = ConfigValue.Optional(s.AgentId) ?? DefaultAgentId(),
            CollectorUrls = [.. s.Collector.Select(u => new Uri(u))],
            FailbackAfter = ConfigValue.Duration(s.FailbackAfter, TimeSpan.FromMinutes(2)),
            Token = token,
            CollectorCaFile = ConfigValue.Optional(s.CollectorCaFile),
            ClientCertificateFile = ConfigValue.Optional(s.ClientCertificateFile),
            ClientKeyFile = ConfigValue.Optional(s.ClientKeyFile),
            Interval = interval,
            LxdDir = lxdDir,
            SpoolDirectory = spool,
            SpoolMaxReports = s.Spool.MaxReportsValue,
            SpoolMaxBytes = s.Spool.MaxBytesValue,
            // Not cut to a short interval: LXD logs every request given up on mid-answer as an error
            // (seen at 100 ms: "Failed writing error for HTTP response ... broken pipe"), and a
            // cycle that runs past its tick only delays the next one.
            SourceTimeout = ConfigValue.Duration(s.CollectorTimeout, TimeSpan.FromSeconds(5)),
            ProbeTimeout = ConfigValue.Duration(s.ProbeTimeout, TimeSpan.FromSeconds(1)),
            ContentInterval = ConfigValue.Duration(s.ContentInterval, TimeSpan.FromSeconds(60)),
            MaxLxdMetricsBytes = (int)ConfigValue.Number(s.MaxLxdMetricsBytes, DefaultMaxLxdMetricsBytes),
            MaxLxdRequestsPerCycle = (int)ConfigValue.Number(s.MaxLxdRequestsPerCycle, DefaultMaxLxdRequestsPerCycle),
            MaxLxdResponseBytesPerCycle = ConfigValue.Number(s.MaxLxdResponseBytesPerCycle, DefaultMaxLxdResponseBytesPerCycle),
            Disabled = s.Disabled,
            Fan = s.Fan.ToSettings(interval),
            RedactSecrets = s.Content.RedactSecretsValue,
            Redactions = s.Content.Redactions,
        };
    }

    private static string ReadToken(string path)
    {
        try
        {
            return File.ReadAllText(path).Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new AgentConfigurationException($"Agent:TokenFile {path} cannot be read: {e.Message}");
        }
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
}
