using System.Globalization;
using System.Text;
using System.Text.Unicode;
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
/// Frames that are not VXLAN get one line naming why. Written as UTF-8 straight into the caller's
/// buffer: a million-packet trace is formatted without a string per packet.
/// </summary>
internal static class FanTraceFormatter
{
    /// <summary>Room enough for any packet's lines (the longest is under 250 bytes).</summary>
    public const int MaxBytes = 512;

    /// <summary>The packet's lines, without the last newline.</summary>
    public static string Format(in FanPacket p)
    {
        Span<byte> buffer = stackalloc byte[MaxBytes];
        var written = Write(p, buffer);
        return Encoding.UTF8.GetString(buffer[..(written - 1)]);
    }

    /// <summary>Writes the packet's lines, each ending in a newline, to <paramref name="destination"/> (at least <see cref="MaxBytes"/> long); returns the bytes written.</summary>
    public static int Write(in FanPacket p, Span<byte> destination)
    {
        var micros = p.TimestampMicros;
        var secondOfDay = micros / 1_000_000 % 86_400;
        var (hour, minute, second, fraction) = (secondOfDay / 3600, secondOfDay / 60 % 60, secondOfDay % 60, micros % 1_000_000);
        var i = CultureInfo.InvariantCulture;
        bool ok;
        int n;
        if (!p.IsVxlan)
        {
            ok = p.Status is DecodeStatus.NotVxlanPort or DecodeStatus.TruncatedVxlan or DecodeStatus.VxlanInvalidFlags or DecodeStatus.MalformedUdp
                ? Utf8.TryWrite(destination, i, $"{hour:D2}:{minute:D2}:{second:D2}.{fraction:D6} IP {p.Outer.Source}.{p.Udp.SourcePort} > {p.Outer.Destination}.{p.Udp.DestinationPort}: UDP ({p.Status.Name()})\n", out n)
                : Utf8.TryWrite(destination, i, $"{hour:D2}:{minute:D2}:{second:D2}.{fraction:D6} ({p.Status.Name()}, {p.WireLength} bytes)\n", out n);
            return ok ? n : throw new InvalidOperationException("a trace line longer than MaxBytes");
        }

        ok = Utf8.TryWrite(destination, i, $"{hour:D2}:{minute:D2}:{second:D2}.{fraction:D6} IP {p.Outer.Source}.{p.Udp.SourcePort} > {p.Outer.Destination}.{p.Udp.DestinationPort}: VXLAN, flags [I] (0x{p.Vxlan.Flags:x2}), vni {p.Vxlan.Vni}\n", out n);
        var inner = 0;
        ok = ok && Inner(p, destination[n..], out inner);
        return ok ? n + inner : throw new InvalidOperationException("a trace line longer than MaxBytes");
    }

    private static bool Inner(in FanPacket p, Span<byte> d, out int n)
    {
        var i = CultureInfo.InvariantCulture;
        var icmpLength = p.InnerIp.TotalLength - p.InnerIp.HeaderLength;
        return p.Kind switch
        {
            InnerKind.ArpRequest => Utf8.TryWrite(d, i, $"ARP, Request who-has {p.Arp.TargetIp} tell {p.Arp.SenderIp}, length {ArpPacket.Size}\n", out n),
            InnerKind.ArpReply => Utf8.TryWrite(d, i, $"ARP, Reply {p.Arp.SenderIp} is-at {p.Arp.SenderMac}, length {ArpPacket.Size}\n", out n),
            InnerKind.ArpOther => Utf8.TryWrite(d, i, $"ARP, operation {p.Arp.Operation}, length {ArpPacket.Size}\n", out n),
            InnerKind.EchoRequest => Utf8.TryWrite(d, i, $"IP {p.InnerIp.Source} > {p.InnerIp.Destination}: ICMP echo request, id {p.Icmp.Identifier}, seq {p.Icmp.Sequence}, length {icmpLength}\n", out n),
            InnerKind.EchoReply => Utf8.TryWrite(d, i, $"IP {p.InnerIp.Source} > {p.InnerIp.Destination}: ICMP echo reply, id {p.Icmp.Identifier}, seq {p.Icmp.Sequence}, length {icmpLength}\n", out n),
            InnerKind.DestinationUnreachable when p.Icmp.IsFragmentationNeeded =>
                Utf8.TryWrite(d, i, $"IP {p.InnerIp.Source} > {p.InnerIp.Destination}: ICMP {p.Icmp.OriginalDestination} unreachable - need to frag (mtu {p.Icmp.NextHopMtu}), length {icmpLength}\n", out n),
            InnerKind.DestinationUnreachable => Utf8.TryWrite(d, i, $"IP {p.InnerIp.Source} > {p.InnerIp.Destination}: ICMP {p.Icmp.OriginalDestination} unreachable, code {p.Icmp.Code}, length {icmpLength}\n", out n),
            InnerKind.OtherIcmp => Utf8.TryWrite(d, i, $"IP {p.InnerIp.Source} > {p.InnerIp.Destination}: ICMP type {p.Icmp.Type}, length {icmpLength}\n", out n),
            InnerKind.OtherIpv4 => Utf8.TryWrite(d, i, $"IP {p.InnerIp.Source} > {p.InnerIp.Destination}: proto {p.InnerIp.Protocol}, length {p.InnerIp.TotalLength - p.InnerIp.HeaderLength}\n", out n),
            InnerKind.OtherEtherType => Utf8.TryWrite(d, i, $"{p.InnerEthernet.Source} > {p.InnerEthernet.Destination}, ethertype 0x{p.InnerEthernet.EtherType:x4}, length {p.InnerFrameLength}\n", out n),
            _ => Utf8.TryWrite(d, i, $"({p.Status.Name()}, inner frame {p.InnerFrameLength} bytes)\n", out n),
        };
    }
}
