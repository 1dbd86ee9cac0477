namespace LxdScope.Agent.Push;

/// <summary>
/// Exponential backoff with full jitter: a random wait between zero and a ceiling that doubles per
/// failure, so agents that lost the collector together do not come back together.
/// </summary>
internal static class Backoff
{
    /// <summary>The ceiling after <paramref name="failures"/> failures in a row: initial × 2^(failures−1), at most max.</summary>
    public static TimeSpan Ceiling(int failures, TimeSpan initial, TimeSpan max)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(failures, 1);

        // Doubles, not ticks: 2^62 ticks would overflow long long before the cap applies.
        var ticks = initial.Ticks * Math.Pow(2, Math.Min(failures - 1, 62));
        return ticks >= max.Ticks ? max : TimeSpan.FromTicks((long)ticks);
    }

    public static TimeSpan FullJitter(int failures, TimeSpan initial, TimeSpan max, Random random) =>
        TimeSpan.FromTicks((long)(random.NextDouble() * Ceiling(failures, initial, max).Ticks));

    /// <summary>
    /// Half the ceiling plus a random half: for waits that must stay long (a refused token), yet
    /// spread out.
    /// </summary>
    public static TimeSpan EqualJitter(TimeSpan ceiling, Random random) =>
        TimeSpan.FromTicks(ceiling.Ticks / 2 + (long)(random.NextDouble() * (ceiling.Ticks / 2)));
}
