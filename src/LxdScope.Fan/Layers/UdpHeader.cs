using System.Buffers.Binary;

namespace LxdScope.Fan.Layers;

/// <summary>
/// UDP (RFC 768).
/// <code>
/// |          Source Port          |       Destination Port        |
/// |            Length             |           Checksum            |
/// </code>
/// </summary>
public readonly record struct UdpHeader(ushort SourcePort, ushort DestinationPort, ushort Length)
{
    public const int Size = 8;

    public static bool TryDecode(ReadOnlySpan<byte> segment, out UdpHeader header)
    {
        if (segment.Length < Size)
        {
            header = default;
            return false;
        }

        header = new UdpHeader(
            BinaryPrimitives.ReadUInt16BigEndian(segment),
            BinaryPrimitives.ReadUInt16BigEndian(segment[2..]),
            BinaryPrimitives.ReadUInt16BigEndian(segment[4..]));
        return true;
    }
}
