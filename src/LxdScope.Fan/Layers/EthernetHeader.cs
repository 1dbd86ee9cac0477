using System.Buffers.Binary;
using LxdScope.Fan.Addressing;

namespace LxdScope.Fan.Layers;

/// <summary>
/// Ethernet II, with up to two 802.1Q/802.1ad tags skipped.
/// <code>
/// +-------------------+-------------------+------------+---------
/// | destination (6)   | source (6)        | type (2)   | payload
/// +-------------------+-------------------+------------+---------
/// </code>
/// </summary>
public readonly record struct EthernetHeader(MacAddress Destination, MacAddress Source, ushort EtherType, int HeaderLength)
{
    public const ushort EtherTypeIpv4 = 0x0800;
    public const ushort EtherTypeArp = 0x0806;
    private const ushort Vlan = 0x8100;
    private const ushort QinQ = 0x88A8;

    /// <summary>Reads the header; false if the frame is shorter than its header.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> frame, out EthernetHeader header)
    {
        header = default;
        if (frame.Length < 14)
        {
            return false;
        }

        var offset = 12;
        var type = BinaryPrimitives.ReadUInt16BigEndian(frame[offset..]);
        for (var tags = 0; tags < 2 && type is Vlan or QinQ; tags++)
        {
            offset += 4;
            if (frame.Length < offset + 2)
            {
                return false;
            }

            type = BinaryPrimitives.ReadUInt16BigEndian(frame[offset..]);
        }

        header = new EthernetHeader(MacAddress.Read(frame), MacAddress.Read(frame[6..]), type, offset + 2);
        return true;
    }
}
