using System.Buffers.Binary;
using LxdScope.Fan.Addressing;
using LxdScope.Fan.Decoding;

namespace LxdScope.Fan.Layers;

/// <summary>
/// IPv4 (RFC 791).
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// |Version|  IHL  |Type of Service|          Total Length         |
/// |         Identification        |Flags|      Fragment Offset    |
/// |  Time to Live |    Protocol   |         Header Checksum       |
/// |                       Source Address                          |
/// |                    Destination Address                        |
/// </code>
/// </summary>
public readonly record struct Ipv4Header(
    Ipv4Address Source,
    Ipv4Address Destination,
    byte Protocol,
    int HeaderLength,
    ushort TotalLength,
    bool DontFragment,
    bool MoreFragments,
    int FragmentOffset,
    byte Ttl)
{
    public const byte ProtocolIcmp = 1;
    public const byte ProtocolUdp = 17;

    /// <summary>
    /// Reads the header. Returns null on success, else <paramref name="truncated"/> or
    /// <paramref name="malformed"/>; the caller picks which layer's names those are.
    /// </summary>
    public static DecodeStatus? TryDecode(ReadOnlySpan<byte> packet, DecodeStatus truncated, DecodeStatus malformed, out Ipv4Header header)
    {
        header = default;
        if (packet.Length < 20)
        {
            return truncated;
        }

        var version = packet[0] >> 4;
        var headerLength = (packet[0] & 0x0F) * 4;
        var totalLength = BinaryPrimitives.ReadUInt16BigEndian(packet[2..]);
        if (version != 4 || headerLength < 20 || totalLength < headerLength)
        {
            return malformed;
        }

        if (packet.Length < headerLength)
        {
            return truncated;
        }

        var flagsFragment = BinaryPrimitives.ReadUInt16BigEndian(packet[6..]);
        header = new Ipv4Header(
            Ipv4Address.Read(packet[12..]),
            Ipv4Address.Read(packet[16..]),
            packet[9],
            headerLength,
            totalLength,
            (flagsFragment & 0x4000) != 0,
            (flagsFragment & 0x2000) != 0,
            (flagsFragment & 0x1FFF) * 8,
            packet[8]);
        return null;
    }

    /// <summary>The payload as captured: cut to the total length (Ethernet pads short frames) or to what the snap length kept.</summary>
    public ReadOnlySpan<byte> Payload(ReadOnlySpan<byte> packet) => packet[HeaderLength..Math.Min(TotalLength, packet.Length)];
}
