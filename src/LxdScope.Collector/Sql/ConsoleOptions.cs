using LxdScope.Collector.Auth;

namespace LxdScope.Collector.Sql;

/// <summary>The SQL console's bounds (configuration section <c>Collector:Console</c>).</summary>
internal sealed class ConsoleOptions
{
    /// <summary>Console users; with none, the console is off.</summary>
    public IList<ConsoleTokenOptions> Tokens { get; } = [];

    /// <summary>Wall time per query, enforced by interrupting SQLite.</summary>
    public TimeSpan QueryTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Rows returned at most; more are cut and the result says so.</summary>
    public int MaxRows { get; set; } = 1000;

    /// <summary>Bytes of values returned at most (and the largest single value); more are cut and the result says so.</summary>
    public long MaxResultBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>Queries running at once; more are refused with 429 rather than queued.</summary>
    public int MaxConcurrentQueries { get; set; } = 4;

    /// <summary>Longest query text accepted.</summary>
    public int MaxQueryLength { get; set; } = 64 * 1024;

    /// <summary>Content older than this is marked stale (the agents confirm it every minute by default).</summary>
    public TimeSpan StaleAfter { get; set; } = TimeSpan.FromMinutes(3);

    internal void Validate(List<string> failures, HashSet<string> agentHashes)
    {
        TokenUsers.Validate(failures, "Collector:Console:Tokens", Tokens.Select(t => (t.Name, t.Sha256)).ToList(), agentHashes, new HashSet<string>(StringComparer.OrdinalIgnoreCase));
        if (QueryTimeout <= TimeSpan.Zero || QueryTimeout > TimeSpan.FromMinutes(5))
        {
            failures.Add("Collector:Console:QueryTimeout must be between 0 and 5 minutes (for example 00:00:01).");
        }

        if (MaxRows is < 1 or > 1_000_000)
        {
            failures.Add("Collector:Console:MaxRows must be between 1 and 1000000.");
        }

        if (MaxResultBytes is < 1024 or > 256 * 1024 * 1024)
        {
            failures.Add("Collector:Console:MaxResultBytes must be between 1024 and 268435456.");
        }

        if (MaxConcurrentQueries is < 1 or > 64)
        {
            failures.Add("Collector:Console:MaxConcurrentQueries must be between 1 and 64.");
        }

        if (MaxQueryLength is < 16 or > 1024 * 1024)
        {
            failures.Add("Collector:Console:MaxQueryLength must be between 16 and 1048576.");
        }

        if (StaleAfter <= TimeSpan.Zero)
        {
            failures.Add("Collector:Console:StaleAfter must be positive (for example 00:03:00).");
        }
    }
}
