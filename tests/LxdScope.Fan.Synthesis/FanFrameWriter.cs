using System.Buffers.Binary;
using LxdScope.Fan.Addressing;
using LxdScope.Fan.Layers;

namespace LxdScope.Fan.Synthesis;

/// <summary>
/// Writes fan frames (Ethernet/IPv4/UDP/VXLAN/Ethernet/ARP or ICMP) as the kernel does, checksums
/// included, for generated captures: benchmarks, fuzz seeds, tests of whole conversations.
/// </summary>
public static class FanFrameWriter
{
    /// <summary>Outer Ethernet (14) + IPv4 (20) + UDP (8) + VXLAN (8).</summary>
    public const int OuterLength = 50;

    public static readonly MacAddress Broadcast = new(0xFFFF_FFFF_FFFF);

    /// <summary>The underlay addressing of one VXLAN datagram.</summary>
    public readonly record struct Outer(Ipv4Address Source, Ipv4Address Destination, ushort SourcePort, ushort Port, uint Vni);

    public static int ArpRequest(Span<byte> buffer, in Outer outer, MacAddress senderMac, Ipv4Address sender, Ipv4Address target) =>
        Arp(buffer, outer, Broadcast, ArpPacket.Request, senderMac, sender, default, target);

    public static int ArpReply(Span<byte> buffer, in Outer outer, MacAddress senderMac, Ipv4Address sender, MacAddress targetMac, Ipv4Address target) =>
        Arp(buffer, outer, targetMac, ArpPacket.Reply, senderMac, sender, targetMac, target);

    /// <summary>An echo request or reply whose inner IPv4 packet is <paramref name="ipLength"/> bytes (84 for a default ping).</summary>
    public static int Echo(
        Span<byte> buffer, in Outer outer, MacAddress sourceMac, MacAddress destinationMac, Ipv4Address source, Ipv4Address destination,
        bool reply, ushort id, ushort seq, int ipLength = 84)
    {
        var inner = buffer[OuterLength..];
        InnerEthernet(inner, destinationMac, sourceMac, EthernetHeader.EtherTypeIpv4);
        var ip = inner[14..];
        Ipv4(ip, source, destination, Ipv4Header.ProtocolIcmp, ipLength, dontFragment: !reply);
        var icmp = ip[20..ipLength];
        icmp.Clear();
        icmp[0] = reply ? IcmpMessage.EchoReply : IcmpMessage.EchoRequest;
        BinaryPrimitives.WriteUInt16BigEndian(icmp[4..], id);
        BinaryPrimitives.WriteUInt16BigEndian(icmp[6..], seq);
        for (var i = 8; i < icmp.Length; i++)
        {
            icmp[i] = (byte)i;
        }

        BinaryPrimitives.WriteUInt16BigEndian(icmp[2..], Checksum(icmp));
        return WriteOuter(buffer, outer, 14 + ipLength);
    }

    /// <summary>ICMP fragmentation-needed from <paramref name="router"/> about <paramref name="original"/> (its first 28 bytes are quoted).</summary>
    public static int FragmentationNeeded(
        Span<byte> buffer, in Outer outer, MacAddress sourceMac, MacAddress destinationMac, Ipv4Address router, ReadOnlySpan<byte> original, ushort nextHopMtu)
    {
        var inner = buffer[OuterLength..];
        InnerEthernet(inner, destinationMac, sourceMac, EthernetHeader.EtherTypeIpv4);
        var quoted = original[..28];
        var ipLength = 20 + 8 + quoted.Length;
        var ip = inner[14..];
        Ipv4(ip, router, Ipv4Address.Read(original[12..]), Ipv4Header.ProtocolIcmp, ipLength, dontFragment: false);
        var icmp = ip[20..ipLength];
        icmp.Clear();
        icmp[0] = IcmpMessage.DestinationUnreachable;
        icmp[1] = IcmpMessage.FragmentationNeeded;
        BinaryPrimitives.WriteUInt16BigEndian(icmp[6..], nextHopMtu);
        quoted.CopyTo(icmp[8..]);
        BinaryPrimitives.WriteUInt16BigEndian(icmp[2..], Checksum(icmp));
        return WriteOuter(buffer, outer, 14 + ipLength);
    }

    private static int Arp(
        Span<byte> buffer, in Outer outer, MacAddress frameDestination, ushort operation, MacAddress senderMac, Ipv4Address sender, MacAddress targetMac, Ipv4Address target)
    {
        var inner = buffer[OuterLength..];
        InnerEthernet(inner, frameDestination, senderMac, EthernetHeader.EtherTypeArp);
        var arp = inner[14..];
        BinaryPrimitives.WriteUInt16BigEndian(arp, 1);
        BinaryPrimitives.WriteUInt16BigEndian(arp[2..], EthernetHeader.EtherTypeIpv4);
        arp[4] = 6;
        arp[5] = 4;
        BinaryPrimitives.WriteUInt16BigEndian(arp[6..], operation);
        WriteMac(arp[8..], senderMac);
        BinaryPrimitives.WriteUInt32BigEndian(arp[14..], sender.Value);
        WriteMac(arp[18..], targetMac);
        BinaryPrimitives.WriteUInt32BigEndian(arp[24..], target.Value);
        return WriteOuter(buffer, outer, 14 + ArpPacket.Size);
    }

    /// <summary>Writes the outer headers in front of an inner frame already at offset 50; returns the whole length.</summary>
    private static int WriteOuter(Span<byte> buffer, in Outer outer, int innerLength)
    {
        // Underlay MACs derived from the VTEP addresses: stable and distinct per host.
        WriteMac(buffer, new MacAddress(0x0216_0000_0000UL | outer.Destination.Value));
        WriteMac(buffer[6..], new MacAddress(0x0216_0000_0000UL | outer.Source.Value));
        BinaryPrimitives.WriteUInt16BigEndian(buffer[12..], EthernetHeader.EtherTypeIpv4);
        var udpLength = 8 + 8 + innerLength;
        Ipv4(buffer[14..], outer.Source, outer.Destination, Ipv4Header.ProtocolUdp, 20 + udpLength, dontFragment: false);
        var udp = buffer[34..];
        BinaryPrimitives.WriteUInt16BigEndian(udp, outer.SourcePort);
        BinaryPrimitives.WriteUInt16BigEndian(udp[2..], outer.Port);
        BinaryPrimitives.WriteUInt16BigEndian(udp[4..], (ushort)udpLength);
        BinaryPrimitives.WriteUInt16BigEndian(udp[6..], 0); // optional for IPv4; the kernel's VXLAN leaves it zero too
        var vxlan = buffer[42..];
        vxlan[..8].Clear();
        vxlan[0] = VxlanHeader.ValidVniFlag;
        BinaryPrimitives.WriteUInt32BigEndian(vxlan[4..], outer.Vni << 8);
        return OuterLength + innerLength;
    }

    private static void InnerEthernet(Span<byte> frame, MacAddress destination, MacAddress source, ushort etherType)
    {
        WriteMac(frame, destination);
        WriteMac(frame[6..], source);
        BinaryPrimitives.WriteUInt16BigEndian(frame[12..], etherType);
    }

    private static void Ipv4(Span<byte> ip, Ipv4Address source, Ipv4Address destination, byte protocol, int totalLength, bool dontFragment)
    {
        ip[..20].Clear();
        ip[0] = 0x45;
        BinaryPrimitives.WriteUInt16BigEndian(ip[2..], (ushort)totalLength);
        BinaryPrimitives.WriteUInt16BigEndian(ip[6..], dontFragment ? (ushort)0x4000 : (ushort)0);
        ip[8] = 64;
        ip[9] = protocol;
        BinaryPrimitives.WriteUInt32BigEndian(ip[12..], source.Value);
        BinaryPrimitives.WriteUInt32BigEndian(ip[16..], destination.Value);
        BinaryPrimitives.WriteUInt16BigEndian(ip[10..], Checksum(ip[..20]));
    }

    private static void WriteMac(Span<byte> destination, MacAddress mac)
    {
        for (var i = 0; i < 6; i++)
        {
            destination[i] = (byte)(mac.Value >> (40 - (8 * i)));
        }
    }

    /// <summary>The Internet checksum (RFC 1071).</summary>
    public static ushort Checksum(ReadOnlySpan<byte> data)
    {
        uint sum = 0;
        var i = 0;
        for (; i + 1 < data.Length; i += 2)
        {
            sum += BinaryPrimitives.ReadUInt16BigEndian(data[i..]);
        }

        if (i < data.Length)
        {
            sum += (uint)data[i] << 8;
        }

        while (sum >> 16 != 0)
        {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }

        return (ushort)~sum;
    }
}
