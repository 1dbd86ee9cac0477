namespace LxdScope.Fan.Diagnosis;

/// <summary>Why a pair of fan members can or cannot reach each other, the first that applies in this order.</summary>
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
    Healthy,
}
