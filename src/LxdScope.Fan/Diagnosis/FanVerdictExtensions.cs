namespace LxdScope.Fan.Diagnosis;

public static class FanVerdictExtensions
{
    /// <summary>The verdict as operators and JSON see it (arp-unanswered, mtu-blackhole...).</summary>
    public static string Name(this FanVerdict verdict) => verdict switch
    {
        FanVerdict.VniMismatch => "vni-mismatch",
        FanVerdict.WrongVtep => "wrong-vtep",
        FanVerdict.MtuBlackhole => "mtu-blackhole",
        FanVerdict.ArpUnanswered => "arp-unanswered",
        FanVerdict.ArpOkIcmpLost => "arp-ok-icmp-lost",
        FanVerdict.NoVxlanLeaving => "no-vxlan-leaving",
        FanVerdict.NoVxlanArriving => "no-vxlan-arriving",
        FanVerdict.Healthy => "healthy",
        _ => "unknown",
    };
}
