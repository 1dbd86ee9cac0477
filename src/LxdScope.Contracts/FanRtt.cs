namespace LxdScope.Contracts;

/// <summary>The fixed round-trip buckets of <see cref="FanPeer.RttBuckets"/>, in seconds (the fan library's histogram).</summary>
public static class FanRtt
{
    public static IReadOnlyList<double> Bounds { get; } = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];
}
