using System.Buffers.Binary;
using LxdScope.Fan.Layers;

namespace LxdScope.Fan.Decoding;

/// <summary>
/// Decodes Ethernet/IPv4/UDP/VXLAN/Ethernet/(ARP | IPv4/ICMP) from a span, layer by layer, into a
/// <see cref="FanPacket"/>. Never throws on packet content and never allocates; every short or odd
/// frame ends with a <see cref="DecodeStatus"/> naming the reason.
/// </summary>
public sealed class FanPacketDecoder
{
    /// <summary>The Linux kernel's VXLAN default, which the Ubuntu Fan uses (dstport 0 → vxlan_port = 8472).</summary>
    public const ushort FanPort = 8472;

    /// <summary>The IANA VXLAN port.</summary>
    public const ushort IanaPort = 4789;

    private readonly ushort _port;
    private readonly ushort _alternatePort;

    /// <summary>Decodes UDP to <paramref name="port"/> as VXLAN, and also <paramref name="alternatePort"/> (0 for none).</summary>
    public FanPacketDecoder(ushort port = FanPort, ushort alternatePort = IanaPort)
    {
        _port = port;
        _alternatePort = alternatePort == 0 ? port : alternatePort;
    }

    public DecodeStatus Decode(LinkType linkType, ReadOnlySpan<byte> frame, ref FanPacket packet)
    {
        packet = default;
        packet.WireLength = frame.Length;
        packet.Status = DecodeCore(linkType, frame, ref packet);
        return packet.Status;
    }

    private DecodeStatus DecodeCore(LinkType linkType, ReadOnlySpan<byte> frame, ref FanPacket p)
    {
        if (LinkPayload(linkType, frame, out var ipPacket) is { } linkStatus)
        {
            return linkStatus;
        }

        if (Ipv4Header.TryDecode(ipPacket, DecodeStatus.TruncatedOuterIpv4, DecodeStatus.MalformedOuterIpv4, out p.Outer) is { } ipStatus)
        {
            return ipStatus;
        }

        if (p.Outer.Protocol != Ipv4Header.ProtocolUdp)
        {
            return DecodeStatus.NotUdp;
        }

        if (p.Outer.FragmentOffset != 0)
        {
            return DecodeStatus.OuterFragment;
        }

        var udpSegment = p.Outer.Payload(ipPacket);
        if (!UdpHeader.TryDecode(udpSegment, out p.Udp))
        {
            return DecodeStatus.TruncatedUdp;
        }

        if (p.Udp.DestinationPort != _port && p.Udp.DestinationPort != _alternatePort)
        {
            return DecodeStatus.NotVxlanPort;
        }

        if (p.Udp.Length < UdpHeader.Size)
        {
            return DecodeStatus.MalformedUdp;
        }

        var udpPayload = udpSegment[UdpHeader.Size..Math.Min(udpSegment.Length, Math.Max((int)p.Udp.Length, UdpHeader.Size))];
        if (!VxlanHeader.TryDecode(udpPayload, out p.Vxlan))
        {
            return DecodeStatus.TruncatedVxlan;
        }

        if (!p.Vxlan.HasValidVni)
        {
            return DecodeStatus.VxlanInvalidFlags;
        }

        var inner = udpPayload[VxlanHeader.Size..];
        p.InnerFrameLength = Math.Max(0, p.Udp.Length - UdpHeader.Size - VxlanHeader.Size);
        return DecodeInner(inner, ref p);
    }

    private static DecodeStatus DecodeInner(ReadOnlySpan<byte> inner, ref FanPacket p)
    {
        if (!EthernetHeader.TryDecode(inner, out p.InnerEthernet))
        {
            return DecodeStatus.TruncatedInnerEthernet;
        }

        var payload = inner[p.InnerEthernet.HeaderLength..];
        switch (p.InnerEthernet.EtherType)
        {
            case EthernetHeader.EtherTypeArp:
                if (ArpPacket.TryDecode(payload, out p.Arp) is { } arpStatus)
                {
                    return arpStatus;
                }

                p.Kind = p.Arp.Operation switch
                {
                    ArpPacket.Request => InnerKind.ArpRequest,
                    ArpPacket.Reply => InnerKind.ArpReply,
                    _ => InnerKind.ArpOther,
                };
                return DecodeStatus.Vxlan;

            case EthernetHeader.EtherTypeIpv4:
                if (Ipv4Header.TryDecode(payload, DecodeStatus.TruncatedInnerIpv4, DecodeStatus.MalformedInnerIpv4, out p.InnerIp) is { } innerStatus)
                {
                    return innerStatus;
                }

                if (p.InnerIp.Protocol != Ipv4Header.ProtocolIcmp || p.InnerIp.FragmentOffset != 0)
                {
                    p.Kind = InnerKind.OtherIpv4;
                    return DecodeStatus.Vxlan;
                }

                if (IcmpMessage.TryDecode(p.InnerIp.Payload(payload), out p.Icmp) is { } icmpStatus)
                {
                    return icmpStatus;
                }

                p.Kind = p.Icmp.Type switch
                {
                    IcmpMessage.EchoRequest => InnerKind.EchoRequest,
                    IcmpMessage.EchoReply => InnerKind.EchoReply,
                    IcmpMessage.DestinationUnreachable => InnerKind.DestinationUnreachable,
                    _ => InnerKind.OtherIcmp,
                };
                return DecodeStatus.Vxlan;

            default:
                p.Kind = InnerKind.OtherEtherType;
                return DecodeStatus.Vxlan;
        }
    }

    /// <summary>Strips the link header; the result starts at the IPv4 header.</summary>
    private static DecodeStatus? LinkPayload(LinkType linkType, ReadOnlySpan<byte> frame, out ReadOnlySpan<byte> ipPacket)
    {
        ipPacket = default;
        int offset;
        ushort protocol;
        switch (linkType)
        {
            case LinkType.Ethernet:
                if (!EthernetHeader.TryDecode(frame, out var ethernet))
                {
                    return DecodeStatus.TruncatedLinkHeader;
                }

                offset = ethernet.HeaderLength;
                protocol = ethernet.EtherType;
                break;
            case LinkType.LinuxCooked:
                // 16-byte SLL header; protocol in the last two bytes.
                if (frame.Length < 16)
                {
                    return DecodeStatus.TruncatedLinkHeader;
                }

                offset = 16;
                protocol = BinaryPrimitives.ReadUInt16BigEndian(frame[14..]);
                break;
            case LinkType.LinuxCooked2:
                // 20-byte SLL2 header; protocol first.
                if (frame.Length < 20)
                {
                    return DecodeStatus.TruncatedLinkHeader;
                }

                offset = 20;
                protocol = BinaryPrimitives.ReadUInt16BigEndian(frame);
                break;
            case LinkType.Raw or LinkType.Ipv4:
                offset = 0;
                protocol = frame.Length > 0 && frame[0] >> 4 == 4 ? EthernetHeader.EtherTypeIpv4 : (ushort)0;
                break;
            default:
                return DecodeStatus.UnsupportedLinkType;
        }

        if (protocol != EthernetHeader.EtherTypeIpv4)
        {
            return DecodeStatus.NotIpv4;
        }

        ipPacket = frame[offset..];
        return null;
    }
}
