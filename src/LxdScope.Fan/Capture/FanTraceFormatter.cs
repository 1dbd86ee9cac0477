using System.Globalization;
using LxdScope.Fan.Decoding;
using LxdScope.Fan.Layers;

namespace LxdScope.Fan.Capture;

/// <summary>
/// Two lines per VXLAN packet in tcpdump's <c>-T vxlan</c> style: the outer UDP datagram with its VNI,
/// then what it carried, e.g.
/// <code>
/// 17:07:29.650323 IP 192.168.0.46.53730 > 192.168.0.47.8472: VXLAN, flags [I] (0x08), vni 15728640
/// ARP, Request who-has 240.0.47.99 tell 240.0.46.14, length 28
/// </code>
/// Frames that are not VXLAN get one line naming why.
/// </summary>
public static class FanTraceFormatter
{
    public static string Format(in FanPacket p)
    {
        var time = DateTimeOffset.FromUnixTimeMilliseconds(p.TimestampMicros / 1000).UtcDateTime;
        var stamp = string.Create(CultureInfo.InvariantCulture, $"{time:HH:mm:ss}.{p.TimestampMicros % 1_000_000:D6}");
        if (!p.IsVxlan)
        {
            return p.Status is DecodeStatus.NotVxlanPort or DecodeStatus.TruncatedVxlan or DecodeStatus.VxlanInvalidFlags or DecodeStatus.MalformedUdp
                ? Invariant($"{stamp} IP {p.Outer.Source}.{p.Udp.SourcePort} > {p.Outer.Destination}.{p.Udp.DestinationPort}: UDP ({p.Status.Name()})")
                : Invariant($"{stamp} ({p.Status.Name()}, {p.WireLength} bytes)");
        }

        var outer = Invariant($"{stamp} IP {p.Outer.Source}.{p.Udp.SourcePort} > {p.Outer.Destination}.{p.Udp.DestinationPort}: VXLAN, flags [I] (0x{p.Vxlan.Flags:x2}), vni {p.Vxlan.Vni}");
        return outer + "\n" + Inner(p);
    }

    private static string Inner(in FanPacket p)
    {
        var icmpLength = p.InnerIp.TotalLength - p.InnerIp.HeaderLength;
        return p.Kind switch
        {
            InnerKind.ArpRequest => Invariant($"ARP, Request who-has {p.Arp.TargetIp} tell {p.Arp.SenderIp}, length {ArpPacket.Size}"),
            InnerKind.ArpReply => Invariant($"ARP, Reply {p.Arp.SenderIp} is-at {p.Arp.SenderMac}, length {ArpPacket.Size}"),
            InnerKind.ArpOther => Invariant($"ARP, operation {p.Arp.Operation}, length {ArpPacket.Size}"),
            InnerKind.EchoRequest => Invariant($"IP {p.InnerIp.Source} > {p.InnerIp.Destination}: ICMP echo request, id {p.Icmp.Identifier}, seq {p.Icmp.Sequence}, length {icmpLength}"),
            InnerKind.EchoReply => Invariant($"IP {p.InnerIp.Source} > {p.InnerIp.Destination}: ICMP echo reply, id {p.Icmp.Identifier}, seq {p.Icmp.Sequence}, length {icmpLength}"),
            InnerKind.DestinationUnreachable when p.Icmp.IsFragmentationNeeded =>
                Invariant($"IP {p.InnerIp.Source} > {p.InnerIp.Destination}: ICMP {p.Icmp.OriginalDestination} unreachable - need to frag (mtu {p.Icmp.NextHopMtu}), length {icmpLength}"),
            InnerKind.DestinationUnreachable => Invariant($"IP {p.InnerIp.Source} > {p.InnerIp.Destination}: ICMP {p.Icmp.OriginalDestination} unreachable, code {p.Icmp.Code}, length {icmpLength}"),
            InnerKind.OtherIcmp => Invariant($"IP {p.InnerIp.Source} > {p.InnerIp.Destination}: ICMP type {p.Icmp.Type}, length {icmpLength}"),
            InnerKind.OtherIpv4 => Invariant($"IP {p.InnerIp.Source} > {p.InnerIp.Destination}: proto {p.InnerIp.Protocol}, length {p.InnerIp.TotalLength - p.InnerIp.HeaderLength}"),
            InnerKind.OtherEtherType => Invariant($"{p.InnerEthernet.Source} > {p.InnerEthernet.Destination}, ethertype 0x{p.InnerEthernet.EtherType:x4}, length {p.InnerFrameLength}"),
            _ => Invariant($"({p.Status.Name()}, inner frame {p.InnerFrameLength} bytes)"),
        };
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
