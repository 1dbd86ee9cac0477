using LxdScope.Contracts;
using LxdScope.Fan.Addressing;
using LxdScope.Fan.Analysis;
using LxdScope.Fan.Capture;
using LxdScope.Fan.Correlation;
using LxdScope.Fan.Diagnosis;
using LxdScope.Fan.Probing;

namespace LxdScope.Agent.Fan;

/// <summary>The fan monitor's snapshot in the wire contract's terms: one row per peer member, seen from this member.</summary>
public static class FanSectionBuilder
{
    public static FanSection Build(
        FanMonitor monitor,
        FanReport report,
        CaptureStatistics statistics,
        IReadOnlyDictionary<Ipv4Address, (FanProbeResult Small, FanProbeResult? Mtu)> probes,
        Ipv4Address local,
        IReadOnlyList<(string? Name, Ipv4Address Address)> members)
    {
        ArgumentNullException.ThrowIfNull(monitor);
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(statistics);
        ArgumentNullException.ThrowIfNull(probes);
        ArgumentNullException.ThrowIfNull(members);
        var map = monitor.Map;
        var peers = new List<FanPeer>();
        var seen = new HashSet<Ipv4Address>();
        foreach (var pair in report.Pairs.Where(p => p.Low == local || p.High == local))
        {
            var peer = pair.Low == local ? pair.High : pair.Low;
            seen.Add(peer);
            var verdict = FanDiagnoser.Diagnose(pair.Stats, map, local, monitor.Options.Thresholds);
            peers.Add(Peer(Name(members, peer), peer, verdict.Verdict.Name(), verdict.Evidence, pair.Stats.From(local), pair.Stats.From(peer), Probe(probes, peer, small: true), Probe(probes, peer, small: false)));
        }

        // Peers that were probed but whose traffic never reached the capture: nothing left, nothing came.
        foreach (var (peer, _) in probes.Where(p => !seen.Contains(p.Key)))
        {
            peers.Add(Peer(Name(members, peer), peer, FanVerdict.NoVxlanLeaving.Name(), [$"probes to {map.BridgeAddress(peer)} sent, but no VXLAN packet between {local} and {peer} on {statistics.Interface}"], new DirectionStats(), new DirectionStats(), Probe(probes, peer, true), Probe(probes, peer, false)));
        }

        return new FanSection(
            statistics.Interface,
            map.Overlay.ToString(),
            map.Underlay.ToString(),
            map.ExpectedVni,
            map.FanMtu,
            local.ToString(),
            report.VxlanPackets,
            statistics.Dropped,
            report.Evicted.Total,
            peers.OrderBy(p => p.Member ?? p.Vtep, StringComparer.Ordinal).ToList());
    }

    private static string? Name(IReadOnlyList<(string? Name, Ipv4Address Address)> members, Ipv4Address address) =>
        members.FirstOrDefault(m => m.Address == address).Name;

    private static FanProbe? Probe(IReadOnlyDictionary<Ipv4Address, (FanProbeResult Small, FanProbeResult? Mtu)> probes, Ipv4Address peer, bool small) =>
        probes.TryGetValue(peer, out var p) && (small ? p.Small : p.Mtu) is { } r
            ? new FanProbe(r.Target.ToString(), r.PayloadBytes, r.DontFragment, r.Sent, r.Replied, r.RttAvgSeconds, r.Error)
            : null;

    private static FanPeer Peer(string? name, Ipv4Address peer, string verdict, IReadOnlyList<string> evidence, DirectionStats outbound, DirectionStats inbound, FanProbe? probe, FanProbe? mtuProbe)
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
            mtuProbe);
    }
}
