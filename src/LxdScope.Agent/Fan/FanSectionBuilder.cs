using System.Globalization;
using LxdScope.Contracts;
using LxdScope.Fan.Addressing;
using LxdScope.Fan.Correlation;
using LxdScope.Fan.Diagnosis;
using LxdScope.Fan.Probing;

namespace LxdScope.Agent.Fan;

/// <summary>
/// The fan monitor's snapshot in the wire contract's terms: one row per peer member, seen from this
/// member, with the verdict and findings of the window and the counters since the agent started.
/// </summary>
internal static class FanSectionBuilder
{
    public static FanSection Build(FanMonitor monitor, FanWindow window, Ipv4Address local, IReadOnlyList<(string? Name, Ipv4Address Address)> members)
    {
        ArgumentNullException.ThrowIfNull(monitor);
        ArgumentNullException.ThrowIfNull(window);
        ArgumentNullException.ThrowIfNull(members);
        var map = monitor.Map;
        var judged = window.Report.Pairs.Where(p => p.Low == local || p.High == local).ToDictionary(p => p.Low == local ? p.High : p.Low, p => p.Stats);
        var totals = window.Totals.Where(p => p.Low == local || p.High == local).ToDictionary(p => p.Low == local ? p.High : p.Low);
        var peers = new List<FanPeer>();
        foreach (var peer in totals.Keys.Union(window.Probes.Keys).Union(judged.Keys))
        {
            var total = totals.GetValueOrDefault(peer);
            var (outbound, inbound) = total is null ? (new DirectionStats(), new DirectionStats()) : (total.From(local), total.From(peer));
            var probe = window.Probes.GetValueOrDefault(peer);
            var (verdict, evidence, findings) = Judge(window, judged.GetValueOrDefault(peer), probe, peer, local, monitor);
            peers.Add(Peer(Name(members, peer), peer, verdict, evidence, findings, outbound, inbound, Probe(probe?.Small), Probe(probe?.Mtu)));
        }

        return new FanSection(
            window.Statistics.Interface,
            map.Overlay.ToString(),
            map.Underlay.ToString(),
            map.ExpectedVni,
            map.FanMtu,
            local.ToString(),
            window.Report.VxlanPackets,
            window.Statistics.Dropped,
            window.Report.Evicted.Total,
            peers.OrderBy(p => p.Member ?? p.Vtep, StringComparer.Ordinal).ToList());
    }

    private static (string Verdict, IReadOnlyList<string> Evidence, IReadOnlyList<FanPeerFinding> Findings) Judge(
        FanWindow window, PairStats? stats, FanProbeRound? probe, Ipv4Address peer, Ipv4Address local, FanMonitor monitor)
    {
        if (stats is not null)
        {
            var diagnosis = FanDiagnoser.Diagnose(stats, monitor.Map, local, monitor.Options.Thresholds);
            return (diagnosis.Verdict.Name(), diagnosis.Evidence, diagnosis.Findings.Select(f => new FanPeerFinding(f.Verdict.Name(), f.Evidence)).ToList());
        }

        var seconds = (window.End - window.Start).TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture);
        if (probe is not null && probe.At >= window.Start)
        {
            // Probed in this window, yet not one VXLAN packet with the peer: nothing left, nothing came.
            var line = $"probes to {monitor.Map.BridgeAddress(peer)} sent, but no VXLAN packet between {local} and {peer} on {window.Statistics.Interface} in the last {seconds} s";
            return (FanVerdict.NoVxlanLeaving.Name(), [line], [new FanPeerFinding(FanVerdict.NoVxlanLeaving.Name(), [line])]);
        }

        return (FanVerdict.Healthy.Name(), [$"no fan traffic with {peer} in the last {seconds} s (and no probe round in it)"], []);
    }

    private static string? Name(IReadOnlyList<(string? Name, Ipv4Address Address)> members, Ipv4Address address) =>
        members.FirstOrDefault(m => m.Address == address).Name;

    private static FanProbe? Probe(FanProbeResult? r) =>
        r is null ? null : new FanProbe(r.Target.ToString(), r.PayloadBytes, r.DontFragment, r.Sent, r.Replied, r.RttAvgSeconds, r.Error);

    private static FanPeer Peer(
        string? name, Ipv4Address peer, string verdict, IReadOnlyList<string> evidence, IReadOnlyList<FanPeerFinding> findings,
        DirectionStats outbound, DirectionStats inbound, FanProbe? probe, FanProbe? mtuProbe)
    {
        var buckets = new long[RttHistogram.Bounds.Length + 1];
        for (var i = 0; i < buckets.Length; i++)
        {
            buckets[i] = outbound.EchoRtt.Buckets[i] + inbound.EchoRtt.Buckets[i];
        }

        return new FanPeer(
            name,
            peer.ToString(),
            verdict,
            evidence,
            outbound.Packets,
            inbound.Packets,
            outbound.ArpRequests + inbound.ArpRequests,
            outbound.ArpUnanswered + inbound.ArpUnanswered,
            outbound.EchoRequests + inbound.EchoRequests,
            outbound.EchoReplies + inbound.EchoReplies,
            outbound.EchoLost + inbound.EchoLost,
            outbound.WrongVtep + inbound.WrongVtep,
            outbound.VniMismatch + inbound.VniMismatch,
            outbound.Oversize + inbound.Oversize,
            outbound.FragmentationNeeded + inbound.FragmentationNeeded,
            buckets,
            outbound.EchoRtt.SumSeconds + inbound.EchoRtt.SumSeconds,
            probe,
            mtuProbe,
            findings);
    }
}
