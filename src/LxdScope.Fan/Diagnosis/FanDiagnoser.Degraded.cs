using LxdScope.Fan.Addressing;
using LxdScope.Fan.Correlation;

namespace LxdScope.Fan.Diagnosis;

/// <summary>The degraded rules: traffic gets through, but not all of it, not once, or not in time.</summary>
public static partial class FanDiagnoser
{
    private static IEnumerable<FanFinding> Degraded(PairStats pair, Ipv4Address? local, FanThresholds t)
    {
        if (Loss(pair, local, t) is { } loss)
        {
            yield return loss;
        }

        var arp = new List<string>();
        var duplicates = new List<string>();
        var high = new List<string>();
        var unstable = new List<string>();
        foreach (var (from, to, d) in Directions(pair))
        {
            var arpFailed = d.ArpUnanswered + d.ArpRetries;
            var arpResolved = d.ArpAnswered + arpFailed;
            if (d.ArpAnswered > 0 && Crosses(arpFailed, arpResolved, t))
            {
                arp.Add(Invariant($"{from} > {to}: {arpFailed} of {arpResolved} ARP requests unanswered ({Percent((double)arpFailed / arpResolved)}; {d.ArpRetries} of them asked again before an answer came){(d.ArpUnanswered > 0 ? $", the last given up who-has {d.LastUnansweredArpTarget} tell {d.LastUnansweredArpSender}" : "")}"));
            }

            if (Crosses(d.EchoDuplicateReplies, d.EchoReplies, t))
            {
                duplicates.Add(Invariant($"{from} > {to}: {d.EchoDuplicateReplies} duplicate replies to {d.EchoReplies} answered echo requests ({Percent((double)d.EchoDuplicateReplies / d.EchoReplies)})"));
            }

            var rtt = d.EchoRtt;
            if (rtt.Count < t.MinimumRttSamples)
            {
                continue;
            }

            var excess = t.RttExcess.TotalSeconds;
            var (baseline, median, p90) = (rtt.MinSeconds, rtt.Quantile(0.5), rtt.Quantile(0.9));
            if (median >= baseline * t.RttFactor && median - baseline >= excess)
            {
                high.Add(Invariant($"{from} > {to}: median echo RTT about {Ms(median)} ms against the pair's fastest {Ms(baseline)} ms, over {rtt.Count} echoes"));
            }

            if (p90 >= median * t.RttFactor && p90 - median >= excess)
            {
                unstable.Add(Invariant($"{from} > {to}: 90th percentile echo RTT about {Ms(p90)} ms against a median of about {Ms(median)} ms (max {Ms(rtt.MaxSeconds)} ms), over {rtt.Count} echoes"));
            }
        }

        foreach (var (verdict, evidence) in new[] { (FanVerdict.IntermittentArp, arp), (FanVerdict.DuplicateReplies, duplicates), (FanVerdict.HighRtt, high), (FanVerdict.UnstableRtt, unstable) })
        {
            if (evidence.Count > 0)
            {
                yield return new FanFinding(verdict, evidence);
            }
        }
    }

    /// <summary>
    /// Echo loss per direction of the requests; with the capture's end known and both ends pinging,
    /// split per leg, which tells asymmetric loss (one way only) from loss both ways.
    /// </summary>
    private static FanFinding? Loss(PairStats pair, Ipv4Address? local, FanThresholds t)
    {
        var evidence = new List<string>();
        foreach (var (from, to, d) in Directions(pair))
        {
            var loss = EchoLoss.Of(d);
            if (Crosses(loss.Lost, loss.Resolved, t))
            {
                evidence.Add(Invariant($"{from} > {to}: {loss.Lost} of {loss.Resolved} echo requests lost ({Percent(loss.Rate)}): {loss.Unanswered} unanswered after the capture point, {loss.Missing} never reached it"));
            }
        }

        if (evidence.Count == 0)
        {
            return null;
        }

        if (local is not { } here || (here != pair.Low && here != pair.High))
        {
            evidence.Add("the capture's end is unknown, so the loss is not split per leg");
            return new FanFinding(FanVerdict.PartialLoss, evidence);
        }

        var peer = here == pair.Low ? pair.High : pair.Low;
        if (LegLoss.Estimate(EchoLoss.Of(pair.From(here)), EchoLoss.Of(pair.From(peer)), t.MinimumLegSamples) is not var (outbound, inbound))
        {
            evidence.Add(Invariant($"too few echoes both ways (at least {t.MinimumLegSamples} each) to split the loss per leg"));
            return new FanFinding(FanVerdict.PartialLoss, evidence);
        }

        evidence.Add(Invariant($"per leg: {here} > {peer} about {Percent(outbound.Rate)} of {outbound.Samples}, {peer} > {here} about {Percent(inbound.Rate)} of {inbound.Samples}"));
        var (worse, better) = outbound.Rate >= inbound.Rate ? (outbound, inbound) : (inbound, outbound);
        var asymmetric = Crosses(worse.Lost, worse.Samples, t) && better.Rate * t.AsymmetryFactor <= worse.Rate;
        if (asymmetric)
        {
            var (lossyFrom, lossyTo) = worse == outbound ? (here, peer) : (peer, here);
            evidence.Insert(0, Invariant($"loss one way: {lossyFrom} > {lossyTo} loses about {Percent(worse.Rate)}, the way back about {Percent(better.Rate)}"));
        }

        return new FanFinding(asymmetric ? FanVerdict.AsymmetricLoss : FanVerdict.PartialLoss, evidence);
    }

    /// <summary>At least the minimum count, and at least the loss rate of <paramref name="total"/>.</summary>
    private static bool Crosses(long count, long total, FanThresholds t) =>
        total > 0 && count >= t.MinimumCount && count >= t.LossRate * total;
}
