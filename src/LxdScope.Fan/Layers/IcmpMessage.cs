using System.Buffers.Binary;
using LxdScope.Fan.Addressing;
using LxdScope.Fan.Decoding;

namespace LxdScope.Fan.Layers;

/// <summary>
/// ICMP for IPv4 (RFC 792, RFC 1191 for the next-hop MTU).
/// <code>
/// Echo (8) / echo reply (0):        | type | code | checksum | identifier | sequence | data...
/// Destination unreachable (3):      | type | code | checksum | unused | next-hop MTU | original IP header + 8 bytes
/// </code>
/// For destination unreachable the original datagram's addresses (and, if it was an echo, its
/// identifier and sequence) are read so the error can be tied to the probe that caused it.
/// </summary>
public readonly record struct IcmpMessage(
    byte Type,
    byte Code,
    ushort Identifier,
    ushort Sequence,
    ushort NextHopMtu,
    Ipv4Address OriginalSource,
    Ipv4Address OriginalDestination,
    ushort OriginalTotalLength)
{
    public const byte EchoReply = 0;
    public const byte DestinationUnreachable = 3;
    public const byte EchoRequest = 8;

    /// <summary>Destination unreachable code 4: fragmentation needed and DF set.</summary>
    public const byte FragmentationNeeded = 4;

    public bool IsFragmentationNeeded => Type == DestinationUnreachable && Code == FragmentationNeeded;

    public static DecodeStatus? TryDecode(ReadOnlySpan<byte> payload, out IcmpMessage icmp)
    {
        icmp = default;
        if (payload.Length < 8)
        {
            return DecodeStatus.TruncatedIcmp;
        }

        var type = payload[0];
        var code = payload[1];
        if (type is EchoRequest or EchoReply)
        {
            icmp = new IcmpMessage(type, code, BinaryPrimitives.ReadUInt16BigEndian(payload[4..]), BinaryPrimitives.ReadUInt16BigEndian(payload[6..]), 0, default, default, 0);
            return null;
        }

        if (type != DestinationUnreachable)
        {
            icmp = new IcmpMessage(type, code, 0, 0, 0, default, default, 0);
            return null;
        }

        var mtu = BinaryPrimitives.ReadUInt16BigEndian(payload[6..]);
        var original = payload[8..];
        if (Ipv4Header.TryDecode(original, DecodeStatus.TruncatedIcmp, DecodeStatus.TruncatedIcmp, out var inner) is { } status)
        {
            return status;
        }

        ushort id = 0, seq = 0;
        var originalPayload = original[inner.HeaderLength..];
        if (inner.Protocol == Ipv4Header.ProtocolIcmp && originalPayload.Length >= 8 && originalPayload[0] == EchoRequest)
        {
            id = BinaryPrimitives.ReadUInt16BigEndian(originalPayload[4..]);
            seq = BinaryPrimitives.ReadUInt16BigEndian(originalPayload[6..]);
        }

        icmp = new IcmpMessage(type, code, id, seq, mtu, inner.Source, inner.Destination, inner.TotalLength);
        return null;
    }
}
