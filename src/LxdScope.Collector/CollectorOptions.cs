using LxdScope.Collector.Auth;
using LxdScope.Collector.Http;
using LxdScope.Collector.Metrics;
using LxdScope.Collector.Sql;
using LxdScope.Collector.Storage;

namespace LxdScope.Collector;

/// <summary>The collector's settings: configuration section <c>Collector</c>, validated at start.</summary>
internal sealed class CollectorOptions
{
    public const string Section = "Collector";

    /// <summary>Where acknowledged reports are kept: <c>sqlite</c> (one file, one collector) or <c>postgres</c> (one database shared by several collectors).</summary>
    public string Storage { get; set; } = StorageKinds.Sqlite;

    /// <summary>The shared database when <see cref="Storage"/> is <c>postgres</c>.</summary>
    public PostgresOptions Postgres { get; } = new();

    /// <summary>How reports arriving together share one durable commit.</summary>
    public Ingest.GroupCommitOptions GroupCommit { get; } = new();

    /// <summary>The SQLite file holding acknowledged reports (with <c>Storage</c> <c>sqlite</c>); its directory is created at start.</summary>
    public string DatabasePath { get; set; } = "/var/lib/lxdscope/collector.db";

    /// <summary>
    /// Agents' bearer tokens, one or more per cluster, stored only as hashes so that the
    /// configuration file is not itself a credential. Re-read on every request: editing the file
    /// rotates tokens without a restart.
    /// </summary>
    public IList<AgentTokenOptions> Tokens { get; } = [];

    /// <summary>TLS client certificates that identify agents, beside or instead of tokens.</summary>
    public AgentCertificatesOptions AgentCertificates { get; } = new();

    /// <summary>Requests per credential, for ingest and for everything else.</summary>
    public RateLimitsOptions RateLimits { get; } = new();

    /// <summary>Who may read the status API, the pages' data and the metrics; open to anyone when none are configured.</summary>
    public ViewersOptions Viewers { get; } = new();

    /// <summary>What <c>/metrics</c> carries: every cluster's series (the default), or only the collector's own beside per-cluster targets.</summary>
    public MetricsOptions Metrics { get; } = new();

    /// <summary>The SQL console over the mirrored LXD databases.</summary>
    public ConsoleOptions Console { get; } = new();

    /// <summary>Largest request body accepted, as sent (usually gzip'd).</summary>
    public long MaxReportBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary>Largest report after decompression; a gzip bomb stops here.</summary>
    public long MaxDecompressedBytes { get; set; } = 64 * 1024 * 1024;

    /// <summary>How far in the future an agent's timestamps may be before they are replaced with the collector's time.</summary>
    public TimeSpan MaxClockSkew { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How long the per-report log, the cluster events, the mirrors' history and the console's
    /// audit record are kept; every
    /// agent's latest report and each mirror's current content are kept regardless.
    /// </summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(7);
}
