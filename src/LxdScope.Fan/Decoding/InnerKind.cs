namespace LxdScope.Fan.Decoding;

/// <summary>What a VXLAN packet carried, as far as the fan diagnosis cares.</summary>
public enum InnerKind : byte
{
    /// <summary>Nothing decoded (not VXLAN, or the inner frame was damaged).</summary>
    None,
    ArpRequest,
    ArpReply,
    /// <summary>ARP with another operation (RARP, InARP).</summary>
    ArpOther,
    EchoRequest,
    EchoReply,
    DestinationUnreachable,
    OtherIcmp,
    /// <summary>IPv4 that is not ICMP (TCP, UDP...).</summary>
    OtherIpv4,
    /// <summary>Neither ARP nor IPv4 (IPv6, LLDP...).</summary>
    OtherEtherType,
}
