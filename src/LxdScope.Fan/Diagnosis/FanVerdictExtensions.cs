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
        FanVerdict.AsymmetricLoss => "asymmetric-loss",
        FanVerdict.PartialLoss => "partial-loss",
        FanVerdict.IntermittentArp => "intermittent-arp",
        FanVerdict.DuplicateReplies => "duplicate-replies",
        FanVerdict.HighRtt => "high-rtt",
        FanVerdict.UnstableRtt => "unstable-rtt",
        FanVerdict.Healthy => "healthy",
        _ => "unknown",
    };

    /// <summary>True for the verdicts where some traffic still gets through (the degraded ones).</summary>
    public static bool IsDegraded(this FanVerdict verdict) => verdict is >= FanVerdict.AsymmetricLoss and < FanVerdict.Healthy;
}
