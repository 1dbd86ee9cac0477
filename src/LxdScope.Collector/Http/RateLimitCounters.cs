namespace LxdScope.Collector.Http;

/// <summary>Requests refused with 429, by policy, for export as metrics. Thread-safe.</summary>
public sealed class RateLimitCounters
{
    private long ingest;
    private long api;
    private long metrics;

    internal long Ingest => Interlocked.Read(ref ingest);

    internal long Api => Interlocked.Read(ref api);

    internal long Metrics => Interlocked.Read(ref metrics);

    internal void Count(string policy)
    {
        switch (policy)
        {
            case CollectorRateLimits.IngestPolicy:
                Interlocked.Increment(ref ingest);
                break;
            case CollectorRateLimits.MetricsPolicy:
                Interlocked.Increment(ref metrics);
                break;
            default:
                Interlocked.Increment(ref api);
                break;
        }
    }
}
