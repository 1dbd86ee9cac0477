using LxdScope.Fan.Addressing;
using LxdScope.Fan.Flows;

namespace LxdScope.Fan.Correlation;

/// <summary>Both directions of one pair (underlay VTEPs or overlay addresses), lower address first.</summary>
public sealed class PairStats
{
    internal PairStats(Ipv4Flow canonical)
    {
        Low = canonical.Source;
        High = canonical.Destination;
    }

    /// <summary>An empty pair to add windows into (<see cref="Add"/>); <paramref name="low"/> must be the lower address.</summary>
    public PairStats(Ipv4Address low, Ipv4Address high)
    {
        if (low.Value >= high.Value)
        {
            throw new ArgumentException($"a pair is written lower address first: {low} before {high}", nameof(low));
        }

        Low = low;
        High = high;
    }

    public Ipv4Address Low { get; }

    public Ipv4Address High { get; }

    /// <summary>Low → High.</summary>
    public DirectionStats Up { get; } = new();

    /// <summary>High → Low.</summary>
    public DirectionStats Down { get; } = new();

    /// <summary>The underlay pair an overlay pair's traffic belongs to (unset for underlay pairs).</summary>
    public Ipv4Flow? Underlay { get; internal set; }

    /// <summary>Adds another count of the same pair (a later window) to this one.</summary>
    public void Add(PairStats other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.Low != Low || other.High != High)
        {
            throw new ArgumentException($"{other.Low}-{other.High} is not the pair {Low}-{High}", nameof(other));
        }

        Up.Add(other.Up);
        Down.Add(other.Down);
    }

    public DirectionStats From(Ipv4Address source) => source == Low ? Up : Down;

    public DirectionStats Direction(Ipv4Flow flow) => flow.IsCanonical ? Up : Down;
}
