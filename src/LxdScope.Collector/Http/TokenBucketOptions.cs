namespace LxdScope.Collector.Http;

/// <summary>A token bucket per credential: <see cref="Burst"/> requests at once, refilled at <see cref="PerSecond"/>.</summary>
internal sealed class TokenBucketOptions
{
    public int Burst { get; set; }

    public int PerSecond { get; set; }
}
