using System.Globalization;
using LxdScope.Fan.Addressing;
using LxdScope.Fan.Correlation;
using LxdScope.Fan.Mapping;

namespace LxdScope.Fan.Diagnosis;

/// <summary>
/// Turns a pair's counts into one verdict. Rules are checked from the most specific cause to the
/// least, so a pair with a wrong VNI is not reported as "ARP unanswered", which is only its symptom.
/// </summary>
public static class FanDiagnoser
{
    /// <param name="local">The VTEP the capture was taken on, when known: it decides leaving from arriving.</param>
    public static PairDiagnosis Diagnose(PairStats pair, FanMap map, Ipv4Address? local)
    {
        var evidence = new List<string>();
        var verdict = Judge(pair, map, local, evidence);
        AddFlags(pair, map, evidence);
        return new PairDiagnosis(pair.Low, pair.High, verdict, evidence, pair);
    }

    private static FanVerdict Judge(PairStats pair, FanMap map, Ipv4Address? local, List<string> evidence)
    {
        var directions = new[] { (From: pair.Low, To: pair.High, Stats: pair.Up), (From: pair.High, To: pair.Low, Stats: pair.Down) };

        foreach (var (from, to, d) in directions)
        {
            if (d.VniMismatch > 0)
            {
                evidence.Add(Invariant($"{d.VniMismatch} VXLAN packets {from} > {to} carry VNI {d.LastUnexpectedVni}; the fan {map.Overlay} expects VNI {map.ExpectedVni} (overlay >> 8)"));
            }
        }

        if (evidence.Count > 0)
        {
            return FanVerdict.VniMismatch;
        }

        foreach (var (from, to, d) in directions)
        {
            if (d.WrongVtep > 0)
            {
                evidence.Add(Invariant($"{d.WrongVtep} frames from {from} for {d.LastWrongVtepInner} (owned by {to}) were encapsulated to {d.LastWrongVtepUsed}"));
            }
        }

        if (evidence.Count > 0)
        {
            return FanVerdict.WrongVtep;
        }

        foreach (var (from, to, d) in directions)
        {
            if (d.EchoLost > 0 && d.EchoReplies > 0 && d.SmallestLostEcho > d.LargestAnsweredEcho)
            {
                evidence.Add(Invariant($"{from} > {to}: {d.EchoReplies} echo requests up to {d.LargestAnsweredEcho} bytes answered, {d.EchoLost} of {d.SmallestLostEcho} bytes or more lost (fan MTU {map.FanMtu})"));
            }

            if (d.FragmentationNeeded > 0)
            {
                evidence.Add(Invariant($"{from} > {to}: {d.FragmentationNeeded} ICMP fragmentation-needed, next-hop MTU {d.LastNextHopMtu}"));
            }
        }

        if (evidence.Count > 0)
        {
            return FanVerdict.MtuBlackhole;
        }

        foreach (var (from, to, d) in directions)
        {
            if (d.ArpUnanswered > 0 && d.ArpAnswered == 0)
            {
                evidence.Add(Invariant($"{from} > {to}: {d.ArpRequests} ARP requests (who-has {d.LastUnansweredArpTarget} tell {d.LastUnansweredArpSender}), none answered; {Count(to, from, pair)} VXLAN packets came back"));
            }
        }

        if (evidence.Count > 0)
        {
            return FanVerdict.ArpUnanswered;
        }

        foreach (var (from, to, d) in directions)
        {
            if (d.EchoLost > 0 && d.EchoReplies == 0)
            {
                evidence.Add(Invariant($"{from} > {to}: {d.EchoLost} echo requests lost, none answered; ARP answered {d.ArpAnswered} of {d.ArpRequests}"));
            }
        }

        if (evidence.Count > 0)
        {
            return FanVerdict.ArpOkIcmpLost;
        }

        if (pair.Up.Packets == 0 || pair.Down.Packets == 0)
        {
            var (silentFrom, silentTo) = pair.Up.Packets == 0 ? (pair.Low, pair.High) : (pair.High, pair.Low);
            var (heardFrom, heardTo) = (silentTo, silentFrom);
            evidence.Add(Invariant($"{pair.From(heardFrom).Packets} VXLAN packets {heardFrom} > {heardTo}, none {silentFrom} > {silentTo}"));
            return local == silentFrom ? FanVerdict.NoVxlanLeaving : FanVerdict.NoVxlanArriving;
        }

        foreach (var (from, to, d) in directions)
        {
            if (d.EchoRequests > 0)
            {
                var rtt = d.EchoRtt;
                evidence.Add(rtt.Count > 0
                    ? Invariant($"{from} > {to}: {d.EchoReplies} of {d.EchoRequests} echo requests answered, RTT min/avg/max {Ms(rtt.MinSeconds)}/{Ms(rtt.MeanSeconds)}/{Ms(rtt.MaxSeconds)} ms{(d.EchoLost > 0 ? $", {d.EchoLost} lost" : "")}")
                    : Invariant($"{from} > {to}: {d.EchoRequests} echo requests, none resolved yet"));
            }

            if (d.ArpAnswered > 0)
            {
                evidence.Add(Invariant($"{from} > {to}: {d.ArpAnswered} ARP requests answered, slowest in {Ms(d.ArpReplyTime.MaxSeconds)} ms"));
            }
        }

        evidence.Add(Invariant($"VXLAN packets {pair.Low} > {pair.High}: {pair.Up.Packets}, {pair.High} > {pair.Low}: {pair.Down.Packets}"));
        return FanVerdict.Healthy;
    }

    /// <summary>Flags that do not decide the verdict on their own but an operator should see.</summary>
    private static void AddFlags(PairStats pair, FanMap map, List<string> evidence)
    {
        foreach (var (from, to, d) in new[] { (pair.Low, pair.High, pair.Up), (pair.High, pair.Low, pair.Down) })
        {
            if (d.Oversize > 0)
            {
                evidence.Add(Invariant($"{from} > {to}: {d.Oversize} inner packets larger than the fan MTU {map.FanMtu} (largest {d.LargestOversize} bytes)"));
            }

            if (d.EchoDuplicateReplies > 0)
            {
                evidence.Add(Invariant($"{from} > {to}: {d.EchoDuplicateReplies} duplicate echo replies"));
            }
        }
    }

    private static long Count(Ipv4Address from, Ipv4Address to, PairStats pair) => pair.From(from).Packets;

    private static string Ms(double seconds) => (seconds * 1000).ToString("0.###", CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
