namespace LxdScope.Contracts;

/// <summary>
/// This member and one other, as seen on this member's underlay. "Out" is from this member to the
/// peer; requests are counted in the direction they were sent.
/// </summary>
/// <param name="Member">The peer's member name, when its address is a known member's.</param>
/// <param name="Vtep">The peer's underlay address.</param>
/// <param name="Verdict">The headline verdict: healthy, or one of those in docs/fan.md (vni-mismatch … no-vxlan-arriving breaking the pair; asymmetric-loss … unstable-rtt degrading it).</param>
/// <param name="RttBuckets">Echo round trips out and back, non-cumulative counts per <see cref="FanRtt.Bounds"/> bucket (last: +Inf).</param>
public sealed record FanPeer(
    string? Member,
    string Vtep,
    string Verdict,
    IReadOnlyList<string> Evidence,
    long PacketsOut,
    long PacketsIn,
    long ArpRequests,
    long ArpUnanswered,
    long EchoRequests,
    long EchoReplies,
    long EchoLost,
    long WrongVtep,
    long VniMismatch,
    long Oversize,
    long FragmentationNeeded,
    IReadOnlyList<long> RttBuckets,
    double RttSumSeconds,
    FanProbe? Probe,
    FanProbe? MtuProbe);
