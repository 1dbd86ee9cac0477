namespace LxdScope.Fan.Diagnosis;

/// <summary>
/// What is wrong between a pair of fan members, in order of precedence: the first that applies is the
/// pair's headline. The breaking verdicts (down to <see cref="NoVxlanArriving"/>) exclude each other and
/// the degraded ones, whose symptoms they would only repeat; the degraded verdicts after them can hold
/// together, the first being the headline and the others secondary findings.
/// </summary>
public enum FanVerdict
{
    /// <summary>Packets carry a VNI other than overlay >> 8: the members disagree on the fan.</summary>
    VniMismatch,
    /// <summary>Frames for one member's containers were encapsulated to another VTEP: fan map mismatch.</summary>
    WrongVtep,
    /// <summary>Small echoes are answered, larger ones vanish (or fragmentation-needed came back).</summary>
    MtuBlackhole,
    /// <summary>ARP requests for the peer's containers get no reply: peer bridge down or forwarding entry missing.</summary>
    ArpUnanswered,
    /// <summary>ARP works but echo requests get no replies: ICMP filtered.</summary>
    ArpOkIcmpLost,
    /// <summary>Packets from the peer arrive but nothing goes back to it.</summary>
    NoVxlanLeaving,
    /// <summary>Packets go to the peer but nothing comes back (UDP 8472 blocked or routing).</summary>
    NoVxlanArriving,
    /// <summary>One leg of the pair loses echoes, the other does not (or far fewer).</summary>
    AsymmetricLoss,
    /// <summary>Some echoes are answered, too many are lost.</summary>
    PartialLoss,
    /// <summary>ARP requests for the peer's containers are answered, but some are not.</summary>
    IntermittentArp,
    /// <summary>Echo requests get more than one reply: a loop or a duplicating path on the underlay.</summary>
    DuplicateReplies,
    /// <summary>The typical echo round trip is well above the direction's own fastest.</summary>
    HighRtt,
    /// <summary>Echo round trips spread far above the typical one.</summary>
    UnstableRtt,
    Healthy,
}
