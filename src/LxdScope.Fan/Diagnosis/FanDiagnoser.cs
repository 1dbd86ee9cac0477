using System.Globalization;
using LxdScope.Fan.Addressing;
using LxdScope.Fan.Correlation;
using LxdScope.Fan.Mapping;

namespace LxdScope.Fan.Diagnosis;

/// <summary>
/// Turns a pair's counts into findings and one headline verdict. The breaking rules are checked from the
/// most specific cause to the least, and the first that applies is the only finding, so a pair with a
/// wrong VNI is not also reported as "ARP unanswered", which is only its symptom. Otherwise every degraded
/// rule (<see cref="FanThresholds"/>) that is crossed is a finding, headline first (<see cref="FanVerdict"/>'s order).
/// </summary>
public static partial class FanDiagnoser
{
    /// <param name="local">The VTEP the capture was taken on, when known: it decides leaving from arriving, and lets loss be split per leg.</param>
    public static PairDiagnosis Diagnose(PairStats pair, FanMap map, Ipv4Address? local, FanThresholds? thresholds = null)
    {
        ArgumentNullException.ThrowIfNull(pair);
        ArgumentNullException.ThrowIfNull(map);
        thresholds ??= new FanThresholds();
        var findings = new List<FanFinding>();
        if (Breaking(pair, map, local) is { } broken)
        {
            findings.Add(broken);
        }
        else
        {
            findings.AddRange(Degraded(pair, local, thresholds));
        }

        var evidence = findings.SelectMany(f => f.Evidence).ToList();
        if (findings.Count == 0 || findings[0].Verdict.IsDegraded())
        {
            evidence.AddRange(Summary(pair));
        }

        AddFlags(pair, map, findings, evidence);
        return new PairDiagnosis(pair.Low, pair.High, findings.Count == 0 ? FanVerdict.Healthy : findings[0].Verdict, evidence, pair, findings);
    }

    private static IEnumerable<(Ipv4Address From, Ipv4Address To, DirectionStats Stats)> Directions(PairStats pair) =>
        [(pair.Low, pair.High, pair.Up), (pair.High, pair.Low, pair.Down)];

    private static FanFinding? Breaking(PairStats pair, FanMap map, Ipv4Address? local)
    {
        var evidence = new List<string>();
        foreach (var (from, to, d) in Directions(pair))
        {
            if (d.VniMismatch > 0)
            {
                evidence.Add(Invariant($"{d.VniMismatch} VXLAN packets {from} > {to} carry VNI {d.LastUnexpectedVni}; the fan {map.Overlay} expects VNI {map.ExpectedVni} (overlay >> 8)"));
            }
        }

        if (evidence.Count > 0)
        {
            return new FanFinding(FanVerdict.VniMismatch, evidence);
        }

        foreach (var (from, to, d) in Directions(pair))
        {
            if (d.WrongVtep > 0)
            {
                evidence.Add(Invariant($"{d.WrongVtep} frames from {from} for {d.LastWrongVtepInner} (owned by {to}) were encapsulated to {d.LastWrongVtepUsed}"));
            }
        }

        if (evidence.Count > 0)
        {
            return new FanFinding(FanVerdict.WrongVtep, evidence);
        }

        foreach (var (from, to, d) in Directions(pair))
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
            return new FanFinding(FanVerdict.MtuBlackhole, evidence);
        }

        foreach (var (from, to, d) in Directions(pair))
        {
            if (d.ArpUnanswered > 0 && d.ArpAnswered == 0)
            {
                evidence.Add(Invariant($"{from} > {to}: {d.ArpRequests} ARP requests (who-has {d.LastUnansweredArpTarget} tell {d.LastUnansweredArpSender}), none answered; {pair.From(to).Packets} VXLAN packets came back"));
            }
        }

        if (evidence.Count > 0)
        {
            return new FanFinding(FanVerdict.ArpUnanswered, evidence);
        }

        foreach (var (from, to, d) in Directions(pair))
        {
            if (d.EchoLost > 0 && d.EchoReplies == 0)
            {
                evidence.Add(Invariant($"{from} > {to}: {d.EchoLost} echo requests lost, none answered; ARP answered {d.ArpAnswered} of {d.ArpRequests}"));
            }
        }

        if (evidence.Count > 0)
        {
            return new FanFinding(FanVerdict.ArpOkIcmpLost, evidence);
        }

        if (pair.Up.Packets == 0 || pair.Down.Packets == 0)
        {
            var (silentFrom, silentTo) = pair.Up.Packets == 0 ? (pair.Low, pair.High) : (pair.High, pair.Low);
            var (heardFrom, heardTo) = (silentTo, silentFrom);
            return new FanFinding(
                local == silentFrom ? FanVerdict.NoVxlanLeaving : FanVerdict.NoVxlanArriving,
                [Invariant($"{pair.From(heardFrom).Packets} VXLAN packets {heardFrom} > {heardTo}, none {silentFrom} > {silentTo}")]);
        }

        return null;
    }

    /// <summary>What the pair's traffic looked like: shown for healthy and degraded pairs alike.</summary>
    private static IEnumerable<string> Summary(PairStats pair)
    {
        foreach (var (from, to, d) in Directions(pair))
        {
            if (d.EchoRequests > 0)
            {
                var rtt = d.EchoRtt;
                yield return rtt.Count > 0
                    ? Invariant($"{from} > {to}: {d.EchoReplies} of {d.EchoRequests} echo requests answered, RTT min/avg/max {Ms(rtt.MinSeconds)}/{Ms(rtt.MeanSeconds)}/{Ms(rtt.MaxSeconds)} ms{(d.EchoLost > 0 ? $", {d.EchoLost} lost" : "")}{(d.EchoMissing > 0 ? $", {d.EchoMissing} never reached the capture" : "")}")
                    : Invariant($"{from} > {to}: {d.EchoRequests} echo requests, none resolved yet");
            }

            if (d.ArpAnswered > 0)
            {
                yield return Invariant($"{from} > {to}: {d.ArpAnswered} ARP requests answered, slowest in {Ms(d.ArpReplyTime.MaxSeconds)} ms");
            }
        }

        yield return Invariant($"VXLAN packets {pair.Low} > {pair.High}: {pair.Up.Packets}, {pair.High} > {pair.Low}: {pair.Down.Packets}");
    }

    /// <summary>Flags that do not decide the verdict on their own but an operator should see.</summary>
    private static void AddFlags(PairStats pair, FanMap map, List<FanFinding> findings, List<string> evidence)
    {
        foreach (var (from, to, d) in Directions(pair))
        {
            if (d.EchoDuplicateReplies > 0 && !findings.Any(f => f.Verdict == FanVerdict.DuplicateReplies))
            {
                evidence.Add(Invariant($"{from} > {to}: {d.EchoDuplicateReplies} duplicate echo replies"));
            }

            if (d.Oversize > 0)
            {
                evidence.Add(Invariant($"{from} > {to}: {d.Oversize} inner packets larger than the fan MTU {map.FanMtu} (largest {d.LargestOversize} bytes)"));
            }
        }
    }

    private static string Ms(double seconds) => (seconds * 1000).ToString("0.###", CultureInfo.InvariantCulture);

    private static string Percent(double rate) => (rate * 100).ToString("0.#", CultureInfo.InvariantCulture) + " %";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
