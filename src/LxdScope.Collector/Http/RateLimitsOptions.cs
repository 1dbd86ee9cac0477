namespace LxdScope.Collector.Http;

/// <summary>
/// Request rates per credential (configuration section <c>Collector:RateLimits</c>): one bucket
/// per agent token (or agent certificate) for ingest, one per viewer or console token for the API
/// and pages, and another for the metrics; requests without a valid credential share one bucket per remote address.
/// </summary>
internal sealed class RateLimitsOptions
{
    /// <summary>
    /// An agent pushes every 10 s, but after an outage it sends its whole spool back to back,
    /// and all agents of a cluster may share one token: a burst of 2,000 reports with 50 a
    /// second refilled lets a 1,000-report spool drain through untouched.
    /// </summary>
    public TokenBucketOptions Ingest { get; } = new() { Burst = 2000, PerSecond = 50 };

    /// <summary>Status API, fan, SQL console and pages; health probes are never limited.</summary>
    public TokenBucketOptions Api { get; } = new() { Burst = 300, PerSecond = 50 };

    /// <summary>
    /// <c>/metrics</c> and below. Prometheus scrapes one target per cluster with one viewer token,
    /// spread over its interval: 1,000 clusters every 15 s are 67 requests a second, and a
    /// restarted Prometheus may start them all at once. 200 a second covers 3,000 clusters.
    /// </summary>
    public TokenBucketOptions Metrics { get; } = new() { Burst = 2000, PerSecond = 200 };

    internal void Validate(List<string> failures)
    {
        foreach (var (name, rate) in new[] { ("Ingest", Ingest), ("Api", Api), ("Metrics", Metrics) })
        {
            if (rate.Burst < 1 || rate.PerSecond < 1)
            {
                failures.Add($"Collector:RateLimits:{name}:Burst and PerSecond must be at least 1.");
            }
        }
    }
}
