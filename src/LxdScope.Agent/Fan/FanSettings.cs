using LxdScope.Fan.Addressing;
using LxdScope.Fan.Diagnosis;

namespace LxdScope.Agent.Fan;

/// <summary>
/// The "Agent:Fan" settings. The fan itself (underlay and overlay subnets, MTU, the underlay interface)
/// comes from LXD's fan network (<c>bridge.mode=fan</c>); each value set here overrides LXD's.
/// </summary>
internal sealed record FanSettings
{
    public string? Interface { get; init; }

    public Ipv4Subnet? Underlay { get; init; }

    public Ipv4Subnet? Overlay { get; init; }

    public int? UnderlayMtu { get; init; }

    public ushort Port { get; init; } = 8472;

    /// <summary>How often each peer's fan bridge is pinged (default: every agent interval).</summary>
    public TimeSpan ProbeInterval { get; init; } = TimeSpan.FromSeconds(10);

    public int ProbeCount { get; init; } = 3;

    public bool MtuProbe { get; init; } = true;

    public FanThresholds Thresholds { get; init; } = new();

    /// <summary>Interface and underlay both given: LXD need not be asked (it may be down).</summary>
    public bool Complete => Interface is not null && Underlay is not null;
}
