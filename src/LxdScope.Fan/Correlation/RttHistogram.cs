namespace LxdScope.Fan.Correlation;

/// <summary>Round-trip times in fixed buckets (seconds, Prometheus-style upper bounds), plus count, sum, min and max.</summary>
public sealed class RttHistogram
{
    /// <summary>Upper bounds in seconds; the last bucket is +Inf.</summary>
    public static readonly double[] Bounds = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

    private readonly long[] _buckets = new long[Bounds.Length + 1];

    public long Count { get; private set; }

    public double SumSeconds { get; private set; }

    public double MinSeconds { get; private set; } = double.NaN;

    public double MaxSeconds { get; private set; } = double.NaN;

    public double MeanSeconds => Count == 0 ? double.NaN : SumSeconds / Count;

    /// <summary>Non-cumulative count per bucket; index <c>Bounds.Length</c> is +Inf.</summary>
    public ReadOnlySpan<long> Buckets => _buckets;

    /// <summary>
    /// The upper bound of the bucket holding the <paramref name="q"/> quantile (the observed maximum for
    /// the +Inf bucket, and never above it); NaN when empty. Coarse by design: buckets, not samples, are kept.
    /// </summary>
    public double Quantile(double q)
    {
        if (Count == 0)
        {
            return double.NaN;
        }

        var rank = Math.Max(1, (long)Math.Ceiling(q * Count));
        long seen = 0;
        for (var i = 0; i < _buckets.Length; i++)
        {
            seen += _buckets[i];
            if (seen >= rank)
            {
                return i < Bounds.Length ? Math.Min(Bounds[i], MaxSeconds) : MaxSeconds;
            }
        }

        return MaxSeconds;
    }

    public void Observe(double seconds)
    {
        var i = 0;
        while (i < Bounds.Length && seconds > Bounds[i])
        {
            i++;
        }

        _buckets[i]++;
        Count++;
        SumSeconds += seconds;
        MinSeconds = Count == 1 ? seconds : Math.Min(MinSeconds, seconds);
        MaxSeconds = Count == 1 ? seconds : Math.Max(MaxSeconds, seconds);
    }
}
