namespace LxdScope.Fan.Diagnosis;

/// <summary>The estimated loss of one leg of a pair (one way across the underlay), and the echoes it rests on.</summary>
internal readonly record struct LegLoss(double Rate, long Samples)
{
    /// <summary>
    /// Both legs from a capture taken on <c>local</c>'s underlay, or null when either side pinged too little.
    /// The peer's requests that never arrived (sequence gaps) are the inbound leg's loss. Outbound loss is
    /// what this host failed to put on the wire (gaps in its own pings, the peer's requests it never answered),
    /// combined with what the local pings' round trips lost beyond the inbound leg's share:
    /// round trip = 1 − (1 − out)(1 − in).
    /// </summary>
    public static (LegLoss Outbound, LegLoss Inbound)? Estimate(EchoLoss local, EchoLoss peer, int minimumSamples)
    {
        var roundTrips = local.Answered + local.Unanswered;
        if (peer.Resolved < minimumSamples || roundTrips < minimumSamples)
        {
            return null;
        }

        var inbound = (double)peer.Missing / peer.Resolved;
        var roundTrip = (double)local.Unanswered / roundTrips;
        var beyond = inbound < 1 ? Math.Max(0, 1 - ((1 - roundTrip) / (1 - inbound))) : 0;
        var onHostSamples = local.Resolved + peer.Answered + peer.Unanswered;
        var onHost = (double)(local.Missing + peer.Unanswered) / onHostSamples;
        var outbound = 1 - ((1 - onHost) * (1 - beyond));
        return (new LegLoss(outbound, onHostSamples), new LegLoss(inbound, peer.Resolved));
    }

    public long Lost => (long)Math.Round(Rate * Samples);
}
