using LxdScope.Fan.Addressing;
using LxdScope.Fan.Layers;

namespace LxdScope.Fan.Decoding;

/// <summary>
/// One decoded frame: the outer underlay headers, the VXLAN header and what the inner frame carried.
/// A value type filled in place by <see cref="FanPacketDecoder"/>, so decoding allocates nothing.
/// Fields past the deepest decoded layer hold their defaults.
/// </summary>
#pragma warning disable CA1051 // Public fields: the decoder fills them through out parameters, with no copies on the hot path.
public struct FanPacket
{
    /// <summary>Capture time, microseconds since the Unix epoch.</summary>
    public long TimestampMicros;

    /// <summary>Length of the frame on the wire (which may exceed what was captured).</summary>
    public int WireLength;

    public DecodeStatus Status;
    public Ipv4Header Outer;
    public UdpHeader Udp;
    public VxlanHeader Vxlan;

    public EthernetHeader InnerEthernet;

    /// <summary>Inner Ethernet frame length without FCS, as the fan bridge saw it (from the UDP length when the capture was cut short).</summary>
    public int InnerFrameLength;

    public InnerKind Kind;
    public ArpPacket Arp;
    public Ipv4Header InnerIp;
    public IcmpMessage Icmp;

    public readonly bool IsVxlan => Status.IsVxlan();
}
