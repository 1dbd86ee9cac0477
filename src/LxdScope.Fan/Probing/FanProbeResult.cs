using LxdScope.Fan.Addressing;

namespace LxdScope.Fan.Probing;

/// <summary>A round of ICMP echoes to one fan bridge address.</summary>
/// <param name="PayloadBytes">ICMP payload per echo; the IPv4 packet is 28 bytes more.</param>
/// <param name="DontFragment">DF set: a path-MTU probe.</param>
public sealed record FanProbeResult(
    Ipv4Address Target,
    int PayloadBytes,
    bool DontFragment,
    int Sent,
    int Replied,
    double? RttMinSeconds,
    double? RttAvgSeconds,
    double? RttMaxSeconds,
    string? Error)
{
    public int Lost => Sent - Replied;
}
