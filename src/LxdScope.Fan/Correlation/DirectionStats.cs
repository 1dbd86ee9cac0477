using LxdScope.Fan.Addressing;

namespace LxdScope.Fan.Correlation;

/// <summary>
/// What was seen in one direction of a pair (from <c>From</c> to <c>To</c>): the VXLAN packets that
/// went that way, and the ARP and echo requests that went that way with what became of them.
/// </summary>
public sealed class DirectionStats
{
    public long Packets { get; internal set; }

    public long Bytes { get; internal set; }

    public long ArpRequests { get; internal set; }

    public long ArpAnswered { get; internal set; }

    public long ArpUnanswered { get; internal set; }

    /// <summary>
    /// Requests asked again while the first was still pending (the kernel retries every second): each is
    /// an attempt that got no answer, even when a later one did.
    /// </summary>
    public long ArpRetries { get; internal set; }

    /// <summary>The last target whose ARP request went unanswered, for the evidence line.</summary>
    public Ipv4Address LastUnansweredArpTarget { get; internal set; }

    public Ipv4Address LastUnansweredArpSender { get; internal set; }

    public RttHistogram ArpReplyTime { get; } = new();

    public long EchoRequests { get; internal set; }

    public long EchoReplies { get; internal set; }

    /// <summary>Echo requests seen going this way that got no reply within the timeout: lost after the capture point.</summary>
    public long EchoLost { get; internal set; }

    /// <summary>
    /// Echo requests that never reached the capture point: gaps in a pinger's sequence numbers.
    /// With the capture on one end, these are lost on the way in (from the peer) or inside this host (to the peer).
    /// </summary>
    public long EchoMissing { get; internal set; }

    public long EchoDuplicateReplies { get; internal set; }

    public long EchoDuplicateRequests { get; internal set; }

    public RttHistogram EchoRtt { get; } = new();

    /// <summary>Largest answered echo request (inner IPv4 total length), 0 if none.</summary>
    public int LargestAnsweredEcho { get; internal set; }

    /// <summary>Smallest lost echo request (inner IPv4 total length), 0 if none.</summary>
    public int SmallestLostEcho { get; internal set; }

    public long FragmentationNeeded { get; internal set; }

    public int LastNextHopMtu { get; internal set; }

    /// <summary>Frames for an address this pair's destination owns that were sent to another VTEP.</summary>
    public long WrongVtep { get; internal set; }

    public Ipv4Address LastWrongVtepUsed { get; internal set; }

    public Ipv4Address LastWrongVtepInner { get; internal set; }

    public long VniMismatch { get; internal set; }

    public uint LastUnexpectedVni { get; internal set; }

    /// <summary>Inner packets larger than the fan MTU.</summary>
    public long Oversize { get; internal set; }

    public int LargestOversize { get; internal set; }

    internal void EchoAnswered(int size, double rttSeconds)
    {
        EchoReplies++;
        EchoRtt.Observe(rttSeconds);
        LargestAnsweredEcho = Math.Max(LargestAnsweredEcho, size);
    }

    internal void EchoTimedOut(int size)
    {
        EchoLost++;
        SmallestLostEcho = SmallestLostEcho == 0 ? size : Math.Min(SmallestLostEcho, size);
    }
}
