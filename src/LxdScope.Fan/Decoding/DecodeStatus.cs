namespace LxdScope.Fan.Decoding;

/// <summary>
/// What the decoder made of one captured frame. Everything from <see cref="Vxlan"/> onward is a VXLAN
/// packet (the outer headers and the VNI are known) whose inner frame may still be short or odd.
/// Frames are counted by this value, never thrown.
/// </summary>
public enum DecodeStatus : byte
{
    /// <summary>Outer frame not IPv4 (ARP on the underlay, IPv6, LLDP...): not fan traffic.</summary>
    NotIpv4,
    /// <summary>IPv4 but not UDP.</summary>
    NotUdp,
    /// <summary>UDP to a port that is not configured as VXLAN.</summary>
    NotVxlanPort,
    /// <summary>A later fragment of an outer IPv4 datagram: no UDP header to read.</summary>
    OuterFragment,
    /// <summary>A link type the decoder does not read (only Ethernet, Linux cooked v1/v2 and raw IPv4).</summary>
    UnsupportedLinkType,
    TruncatedLinkHeader,
    TruncatedOuterIpv4,
    /// <summary>IPv4 version or header length out of range.</summary>
    MalformedOuterIpv4,
    TruncatedUdp,
    /// <summary>UDP length field shorter than its own header.</summary>
    MalformedUdp,
    TruncatedVxlan,
    /// <summary>The VXLAN I flag is clear, so the VNI field is not valid (RFC 7348 §5).</summary>
    VxlanInvalidFlags,

    /// <summary>A VXLAN packet decoded down to its inner frame's payload.</summary>
    Vxlan,
    TruncatedInnerEthernet,
    TruncatedArp,
    /// <summary>ARP that is not Ethernet/IPv4 (hardware or protocol type or lengths).</summary>
    MalformedArp,
    TruncatedInnerIpv4,
    MalformedInnerIpv4,
    TruncatedIcmp,
}
