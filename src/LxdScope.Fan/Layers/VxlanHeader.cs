using System.Buffers.Binary;

namespace LxdScope.Fan.Layers;

/// <summary>
/// VXLAN (RFC 7348 §5), the 8 bytes after the UDP header. Decoded here rather than by PacketDotNet,
/// whose VXLAN dispatch depends on a process-wide port (4789); the fan uses 8472.
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// |R|R|R|R|I|R|R|R|            Reserved                           |
/// |                VXLAN Network Identifier (VNI) |   Reserved    |
/// </code>
/// </summary>
public readonly record struct VxlanHeader(byte Flags, uint Vni)
{
    public const int Size = 8;

    /// <summary>The I flag: the VNI is valid. RFC 7348 requires it set.</summary>
    public const byte ValidVniFlag = 0x08;

    public bool HasValidVni => (Flags & ValidVniFlag) != 0;

    public static bool TryDecode(ReadOnlySpan<byte> payload, out VxlanHeader header)
    {
        if (payload.Length < Size)
        {
            header = default;
            return false;
        }

        header = new VxlanHeader(payload[0], BinaryPrimitives.ReadUInt32BigEndian(payload[4..]) >> 8);
        return true;
    }
}
