using System.Globalization;

namespace LxdScope.SystemTests.Testbed;

/// <summary>A latency distribution in milliseconds: nearest-rank percentiles of every sample.</summary>
internal sealed record LatencySummary(int Count, double P50, double P90, double P99, double Max, double Mean)
{
    public static LatencySummary Of(IReadOnlyCollection<TimeSpan> samples)
    {
        var ms = samples.Select(s => s.TotalMilliseconds).Order().ToArray();
        if (ms.Length == 0)
        {
            throw new ArgumentException("no samples", nameof(samples));
        }

        double Rank(double p) => ms[Math.Clamp((int)Math.Ceiling(p * ms.Length) - 1, 0, ms.Length - 1)];
        return new LatencySummary(ms.Length, Rank(0.50), Rank(0.90), Rank(0.99), ms[^1], ms.Average());
    }

    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"n={Count} p50={P50:0.0} ms p90={P90:0.0} ms p99={P99:0.0} ms max={Max:0.0} ms mean={Mean:0.0} ms");
}
