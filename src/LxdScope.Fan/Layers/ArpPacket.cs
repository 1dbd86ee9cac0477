using System.Buffers.Binary;
using LxdScope.Fan.Addressing;
using LxdScope.Fan.Decoding;

namespace LxdScope.Fan.Layers;

/// <summary>
/// ARP for IPv4 over Ethernet (RFC 826), 28 bytes.
/// <code>
/// | hardware type (1) | protocol type (0x0800) | hlen 6 | plen 4 | operation |
/// | sender MAC (6) | sender IP (4) | target MAC (6) | target IP (4) |
/// </code>
/// </summary>
public readonly record struct ArpPacket(ushort Operation, MacAddress SenderMac, Ipv4Address SenderIp, MacAddress TargetMac, Ipv4Address TargetIp)
{
    public const int Size = 28;
    public const ushort Request = 1;
    public const ushort Reply = 2;

    public static DecodeStatus? TryDecode(ReadOnlySpan<byte> payload, out ArpPacket arp)
    {
        arp = default;
        if (payload.Length < Size)
        {
            return DecodeStatus.TruncatedArp;
        }

        if (BinaryPrimitives.ReadUInt16BigEndian(payload) != 1 || BinaryPrimitives.ReadUInt16BigEndian(payload[2..]) != 0x0800
            || payload[4] != 6 || payload[5] != 4)
        {
            return DecodeStatus.MalformedArp;
        }

        arp = new ArpPacket(
            BinaryPrimitives.ReadUInt16BigEndian(payload[6..]),
            MacAddress.Read(payload[8..]),
            Ipv4Address.Read(payload[14..]),
            MacAddress.Read(payload[18..]),
            Ipv4Address.Read(payload[24..]));
        return null;
    }
}
