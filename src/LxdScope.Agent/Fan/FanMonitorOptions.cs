using LxdScope.Fan.Addressing;
using LxdScope.Fan.Diagnosis;

namespace LxdScope.Agent.Fan;

/// <summary>The "Agent:Fan" settings: where to capture, which fan to judge against, how to probe.</summary>
internal sealed record FanMonitorOptions
{
    /// <summary>The underlay interface carrying the fan's VXLAN (UDP 8472).</summary>
    public required string Interface { get; init; }

    /// <summary>LXD's fan.underlay_subnet; needed up front to know the peers' bridge addresses.</summary>
    public required Ipv4Subnet Underlay { get; init; }

    public Ipv4Subnet Overlay { get; init; } = Ipv4Subnet.Parse("240.0.0.0/8");

    public int UnderlayMtu { get; init; } = 1500;

    public ushort Port { get; init; } = 8472;

    /// <summary>How often each peer's fan bridge is pinged: a round begins at the first snapshot this long after the last (default: every agent interval).</summary>
    public TimeSpan ProbeInterval { get; init; } = TimeSpan.FromSeconds(10);

    public int ProbeCount { get; init; } = 3;

    /// <summary>Also send DF-set echoes sized to the fan MTU (path-MTU black holes).</summary>
    public bool MtuProbe { get; init; } = true;

    /// <summary>Where a degraded pair stops being healthy (Agent:Fan:LossThreshold, in percent, sets the loss rate).</summary>
    public FanThresholds Thresholds { get; init; } = new();
}
