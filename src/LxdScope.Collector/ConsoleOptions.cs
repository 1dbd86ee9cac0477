namespace LxdScope.Collector;

/// <summary>The SQL console's bounds (configuration section <c>Collector:Console</c>).</summary>
public sealed class ConsoleOptions
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
}
