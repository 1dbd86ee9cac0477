using LxdScope.Fan.Addressing;
using LxdScope.Fan.Correlation;
using LxdScope.Fan.Decoding;
using LxdScope.Fan.Diagnosis;
using LxdScope.Fan.Mapping;

namespace LxdScope.Fan.Analysis;

/// <summary>The fan to judge against and how to read the traffic.</summary>
public sealed record FanAnalyzerOptions
{
    /// <summary>LXD's <c>fan.overlay_subnet</c>.</summary>
    public Ipv4Subnet Overlay { get; init; } = FanMap.DefaultOverlay;

    /// <summary>LXD's <c>fan.underlay_subnet</c>; null to take the /16 of the first VTEP seen.</summary>
    public Ipv4Subnet? Underlay { get; init; }

    public int UnderlayMtu { get; init; } = 1500;

    /// <summary>The UDP port decoded as VXLAN (the fan's 8472 unless the vxlan module was told otherwise).</summary>
    public ushort Port { get; init; } = FanPacketDecoder.FanPort;

    /// <summary>A second VXLAN port, 4789 by default; 0 for none.</summary>
    public ushort AlternatePort { get; init; } = FanPacketDecoder.IanaPort;

    public CorrelatorLimits Limits { get; init; } = new();

    /// <summary>Where a degraded pair stops being healthy.</summary>
    public FanThresholds Thresholds { get; init; } = new();
}
