namespace LxdScope.Collector.Http;

/// <summary>Requests refused with 429, by policy, for export as metrics. Thread-safe.</summary>
public sealed class RateLimitCounters
{
    private long ingest;
    private long api;

    public long Ingest => Interlocked.Read(ref ingest);

    public long Api => Interlocked.Read(ref api);

    internal void Count(string policy)
    {
        if (policy == CollectorRateLimits.IngestPolicy)
        {
            Interlocked.Increment(ref ingest);
        }
        else
        {
            Interlocked.Increment(ref api);
        }
    }
}
