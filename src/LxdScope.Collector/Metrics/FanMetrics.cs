using LxdScope.Collector.State;

namespace LxdScope.Collector.Metrics;

/// <summary>The fan between each pair of members, and each member's capture.</summary>
internal sealed class FanMetrics(SeriesSets series)
{
    private readonly SeriesSet fanVerdict = series.Gauge("lxdscope_fan_verdict", "1 for the fan verdict of the member's traffic with the peer (healthy, vni-mismatch, wrong-vtep, mtu-blackhole, arp-unanswered, arp-ok-icmp-lost, no-vxlan-leaving, no-vxlan-arriving, asymmetric-loss, partial-loss, intermittent-arp, duplicate-replies, high-rtt, unstable-rtt).", "cluster", "member", "peer", "verdict");
    private readonly SeriesSet fanHealthy = series.Gauge("lxdscope_fan_healthy", "1 when the fan verdict of the member's traffic with the peer is healthy.", "cluster", "member", "peer");
    private readonly SeriesSet fanPackets = series.Gauge("lxdscope_fan_vxlan_packets", "VXLAN packets between the member and the peer on the member's underlay since its agent started, by direction (out, in).", "cluster", "member", "peer", "direction");
    private readonly SeriesSet fanArpRequests = series.Gauge("lxdscope_fan_arp_requests", "ARP requests across the fan between the member and the peer since the agent started.", "cluster", "member", "peer");
    private readonly SeriesSet fanArpUnanswered = series.Gauge("lxdscope_fan_arp_unanswered", "ARP requests between the member and the peer that got no reply within 1 s.", "cluster", "member", "peer");
    private readonly SeriesSet fanEchoRequests = series.Gauge("lxdscope_fan_icmp_echo_requests", "ICMP echo requests across the fan between the member and the peer since the agent started.", "cluster", "member", "peer");
    private readonly SeriesSet fanEchoReplies = series.Gauge("lxdscope_fan_icmp_echo_replies", "ICMP echo requests between the member and the peer that were answered.", "cluster", "member", "peer");
    private readonly SeriesSet fanEchoLost = series.Gauge("lxdscope_fan_icmp_echo_lost", "ICMP echo requests between the member and the peer with no reply within 2 s.", "cluster", "member", "peer");
    private readonly SeriesSet fanEchoRtt = series.Gauge("lxdscope_fan_icmp_echo_rtt_mean_seconds", "Mean round trip of answered echoes between the member and the peer, seen on the member's underlay.", "cluster", "member", "peer");
    private readonly SeriesSet fanWrongVtep = series.Gauge("lxdscope_fan_wrong_vtep_packets", "Frames for the peer's containers encapsulated to another member's VTEP (fan map mismatch).", "cluster", "member", "peer");
    private readonly SeriesSet fanVniMismatch = series.Gauge("lxdscope_fan_vni_mismatch_packets", "VXLAN packets between the member and the peer whose VNI is not the overlay network >> 8.", "cluster", "member", "peer");
    private readonly SeriesSet fanOversize = series.Gauge("lxdscope_fan_oversize_packets", "Inner packets between the member and the peer larger than the fan MTU.", "cluster", "member", "peer");
    private readonly SeriesSet fanFragNeeded = series.Gauge("lxdscope_fan_fragmentation_needed_packets", "ICMP fragmentation-needed messages about traffic between the member and the peer.", "cluster", "member", "peer");
    private readonly SeriesSet fanProbeSent = series.Gauge("lxdscope_fan_probe_sent", "Echoes the member's agent sent to the peer's fan bridge in its latest probe round, by kind (small, mtu: DF set at the fan MTU).", "cluster", "member", "peer", "kind");
    private readonly SeriesSet fanProbeReplied = series.Gauge("lxdscope_fan_probe_replied", "Echoes of the latest probe round the peer's fan bridge answered, by kind (small, mtu).", "cluster", "member", "peer", "kind");
    private readonly SeriesSet fanProbeRtt = series.Gauge("lxdscope_fan_probe_rtt_seconds", "Mean round trip of the latest probe round to the peer's fan bridge, by kind (small, mtu).", "cluster", "member", "peer", "kind");
    private readonly SeriesSet fanCapturePackets = series.Gauge("lxdscope_fan_capture_packets", "VXLAN packets the member's fan capture decoded since its agent started.", "cluster", "member");
    private readonly SeriesSet fanCaptureDropped = series.Gauge("lxdscope_fan_capture_kernel_dropped_packets", "Packets the kernel dropped before the member's fan capture read them (counts incomplete when above 0).", "cluster", "member");
    private readonly SeriesSet fanCaptureEvicted = series.Gauge("lxdscope_fan_capture_evicted_entries", "Correlation entries the member's fan capture could not keep (tables full).", "cluster", "member");

    public void Update(ClusterStatus status)
    {
        var c = status.Name;
        foreach (var e in status.Fan)
        {
            var p = e.Peer;
            fanVerdict.Set(1, c, e.From, e.To, p.Verdict);
            fanHealthy.Set(p.Verdict == "healthy" ? 1 : 0, c, e.From, e.To);
            fanPackets.Set(p.PacketsOut, c, e.From, e.To, "out");
            fanPackets.Set(p.PacketsIn, c, e.From, e.To, "in");
            fanArpRequests.Set(p.ArpRequests, c, e.From, e.To);
            fanArpUnanswered.Set(p.ArpUnanswered, c, e.From, e.To);
            fanEchoRequests.Set(p.EchoRequests, c, e.From, e.To);
            fanEchoReplies.Set(p.EchoReplies, c, e.From, e.To);
            fanEchoLost.Set(p.EchoLost, c, e.From, e.To);
            if (p.EchoReplies > 0)
            {
                fanEchoRtt.Set(p.RttSumSeconds / p.EchoReplies, c, e.From, e.To);
            }

            fanWrongVtep.Set(p.WrongVtep, c, e.From, e.To);
            fanVniMismatch.Set(p.VniMismatch, c, e.From, e.To);
            fanOversize.Set(p.Oversize, c, e.From, e.To);
            fanFragNeeded.Set(p.FragmentationNeeded, c, e.From, e.To);
            foreach (var (kind, probe) in new[] { ("small", p.Probe), ("mtu", p.MtuProbe) })
            {
                if (probe is not null)
                {
                    fanProbeSent.Set(probe.Sent, c, e.From, e.To, kind);
                    fanProbeReplied.Set(probe.Replied, c, e.From, e.To, kind);
                    fanProbeRtt.SetIf(probe.RttAvgSeconds, c, e.From, e.To, kind);
                }
            }
        }

        foreach (var f in status.FanCaptures)
        {
            fanCapturePackets.Set(f.Packets, c, f.Member);
            fanCaptureDropped.Set(f.KernelDropped, c, f.Member);
            fanCaptureEvicted.Set(f.Evicted, c, f.Member);
        }
    }
}
