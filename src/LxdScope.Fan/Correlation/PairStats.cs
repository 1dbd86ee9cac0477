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

    public Ipv4Address Low { get; }

    public Ipv4Address High { get; }

    /// <summary>Low → High.</summary>
    public DirectionStats Up { get; } = new();

    /// <summary>High → Low.</summary>
    public DirectionStats Down { get; } = new();

    /// <summary>The underlay pair an overlay pair's traffic belongs to (unset for underlay pairs).</summary>
    public Ipv4Flow? Underlay { get; internal set; }

    public DirectionStats From(Ipv4Address source) => source == Low ? Up : Down;

    public DirectionStats Direction(Ipv4Flow flow) => flow.IsCanonical ? Up : Down;
}
