namespace LxdScope.Fan.Decoding;

public static class DecodeStatusExtensions
{
    /// <summary>True when the outer headers and the VXLAN header were read, whatever the inner frame held.</summary>
    public static bool IsVxlan(this DecodeStatus status) => status >= DecodeStatus.Vxlan;

    /// <summary>True for frames that are simply not fan traffic, as opposed to damaged ones.</summary>
    public static bool IsForeign(this DecodeStatus status) =>
        status is DecodeStatus.NotIpv4 or DecodeStatus.NotUdp or DecodeStatus.NotVxlanPort or DecodeStatus.OuterFragment;

    /// <summary>The status in the kebab-case used in output and JSON.</summary>
    public static string Name(this DecodeStatus status) => status switch
    {
        DecodeStatus.NotIpv4 => "not-ipv4",
        DecodeStatus.NotUdp => "not-udp",
        DecodeStatus.NotVxlanPort => "not-vxlan-port",
        DecodeStatus.OuterFragment => "outer-fragment",
        DecodeStatus.UnsupportedLinkType => "unsupported-link-type",
        DecodeStatus.TruncatedLinkHeader => "truncated-link-header",
        DecodeStatus.TruncatedOuterIpv4 => "truncated-outer-ipv4",
        DecodeStatus.MalformedOuterIpv4 => "malformed-outer-ipv4",
        DecodeStatus.TruncatedUdp => "truncated-udp",
        DecodeStatus.MalformedUdp => "malformed-udp",
        DecodeStatus.TruncatedVxlan => "truncated-vxlan",
        DecodeStatus.VxlanInvalidFlags => "vxlan-invalid-flags",
        DecodeStatus.Vxlan => "vxlan",
        DecodeStatus.TruncatedInnerEthernet => "truncated-inner-ethernet",
        DecodeStatus.TruncatedArp => "truncated-arp",
        DecodeStatus.MalformedArp => "malformed-arp",
        DecodeStatus.TruncatedInnerIpv4 => "truncated-inner-ipv4",
        DecodeStatus.MalformedInnerIpv4 => "malformed-inner-ipv4",
        DecodeStatus.TruncatedIcmp => "truncated-icmp",
        _ => "unknown",
    };
}
