using LxdScope.Fan.Addressing;

namespace LxdScope.Fan.Flows;

/// <summary>
/// A directed pair of IPv4 endpoints (underlay VTEPs or overlay addresses). Like gopacket's Flow:
/// a hashable value with <see cref="Reverse"/>, and a <see cref="Canonical"/> form that is the same
/// for both directions, so a request and its reply meet under one key.
/// </summary>
public readonly record struct Ipv4Flow(Ipv4Address Source, Ipv4Address Destination)
{
    public Ipv4Flow Reverse() => new(Destination, Source);

    /// <summary>The direction with the lower address first; equal for a flow and its reverse.</summary>
    public Ipv4Flow Canonical => Source.Value <= Destination.Value ? this : Reverse();

    /// <summary>True if this flow runs from the lower address to the higher one (the canonical direction).</summary>
    public bool IsCanonical => Source.Value <= Destination.Value;

    /// <summary>A hash equal for a flow and its reverse.</summary>
    public int SymmetricHash => HashCode.Combine(Math.Min(Source.Value, Destination.Value), Math.Max(Source.Value, Destination.Value));

    public override string ToString() => $"{Source} > {Destination}";
}
