namespace LxdScope.Fan.Diagnosis;

/// <summary>
/// Where a degraded pair stops being <c>healthy</c>. A healthy fan loses nothing: the defaults call a
/// pair degraded from two lost echoes and 0.5 % of those resolved, so 1 % over a few hundred echoes is
/// reported, while a single lost packet is not a pattern.
/// </summary>
public sealed record FanThresholds
{
    /// <summary>Share of echoes lost (or ARP requests unanswered, echo replies duplicated) from which it is a finding.</summary>
    public double LossRate { get; init; } = 0.005;

    /// <summary>Fewest lost echoes, unanswered ARP requests or duplicate replies that make a finding.</summary>
    public int MinimumCount { get; init; } = 2;

    /// <summary>Loss is asymmetric when the worse leg loses at least this many times what the other does.</summary>
    public double AsymmetryFactor { get; init; } = 3;

    /// <summary>Echoes a leg needs before its loss is estimated at all.</summary>
    public int MinimumLegSamples { get; init; } = 20;

    /// <summary>Answered echoes a direction needs before its RTT is judged.</summary>
    public int MinimumRttSamples { get; init; } = 20;

    /// <summary>RTT is high when the median is this many times the direction's fastest echo (its baseline)…</summary>
    public double RttFactor { get; init; } = 4;

    /// <summary>…and at least this much above it; unstable when the 90th percentile is that far above the median.</summary>
    public TimeSpan RttExcess { get; init; } = TimeSpan.FromMilliseconds(5);

    /// <summary>The first setting out of range, as a message, or null when all are usable.</summary>
    public string? Problem() =>
        LossRate is <= 0 or > 1 || double.IsNaN(LossRate) ? $"the loss threshold must be above 0 % and at most 100 % (got {LossRate * 100} %)"
        : MinimumCount < 1 ? $"the minimum count must be at least 1 (got {MinimumCount})"
        : AsymmetryFactor < 1 || double.IsNaN(AsymmetryFactor) ? $"the asymmetry factor must be at least 1 (got {AsymmetryFactor})"
        : MinimumLegSamples < 1 ? $"the minimum leg samples must be at least 1 (got {MinimumLegSamples})"
        : MinimumRttSamples < 1 ? $"the minimum RTT samples must be at least 1 (got {MinimumRttSamples})"
        : RttFactor < 1 || double.IsNaN(RttFactor) ? $"the RTT factor must be at least 1 (got {RttFactor})"
        : RttExcess < TimeSpan.Zero ? $"the RTT excess must not be negative (got {RttExcess})"
        : null;
}
