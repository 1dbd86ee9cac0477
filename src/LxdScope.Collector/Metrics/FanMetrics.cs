using LxdScope.Contracts;

namespace LxdScope.Collector.Metrics;

/// <summary>The fan between each pair of members, and each member's capture.</summary>
internal static class FanMetrics
{
    public static IReadOnlyList<ClusterFamily> Families { get; } =
    [
        ClusterFamily.Gauge("lxdscope_fan_verdict", "1 for the fan verdict of the member's traffic with the peer (healthy, vni-mismatch, wrong-vtep, mtu-blackhole, arp-unanswered, arp-ok-icmp-lost, no-vxlan-leaving, no-vxlan-arriving, asymmetric-loss, partial-loss, intermittent-arp, duplicate-replies, high-rtt, unstable-rtt).", ["cluster", "member", "peer", "verdict"], static (c, w) =>
        {
            foreach (var e in c.Status.Fan)
            {
                w.Sample(1, c.Name, e.From, e.To, e.Peer.Verdict);
            }
        }),
        PerPair("lxdscope_fan_healthy", "1 when the fan verdict of the member's traffic with the peer is healthy.", p => p.Verdict == "healthy" ? 1 : 0),
        ClusterFamily.Gauge("lxdscope_fan_vxlan_packets", "VXLAN packets between the member and the peer on the member's underlay since its agent started, by direction (out, in).", ["cluster", "member", "peer", "direction"], static (c, w) =>
        {
            foreach (var e in c.Status.Fan)
            {
                w.Sample(e.Peer.PacketsOut, c.Name, e.From, e.To, "out");
                w.Sample(e.Peer.PacketsIn, c.Name, e.From, e.To, "in");
            }
        }),
        PerPair("lxdscope_fan_arp_requests", "ARP requests across the fan between the member and the peer since the agent started.", p => p.ArpRequests),
        PerPair("lxdscope_fan_arp_unanswered", "ARP requests between the member and the peer that got no reply within 1 s.", p => p.ArpUnanswered),
        PerPair("lxdscope_fan_icmp_echo_requests", "ICMP echo requests across the fan between the member and the peer since the agent started.", p => p.EchoRequests),
        PerPair("lxdscope_fan_icmp_echo_replies", "ICMP echo requests between the member and the peer that were answered.", p => p.EchoReplies),
        PerPair("lxdscope_fan_icmp_echo_lost", "ICMP echo requests between the member and the peer with no reply within 2 s.", p => p.EchoLost),
        PerPair("lxdscope_fan_icmp_echo_rtt_mean_seconds", "Mean round trip of answered echoes between the member and the peer, seen on the member's underlay.", p => p.EchoReplies > 0 ? p.RttSumSeconds / p.EchoReplies : null),
        PerPair("lxdscope_fan_wrong_vtep_packets", "Frames for the peer's containers encapsulated to another member's VTEP (fan map mismatch).", p => p.WrongVtep),
        PerPair("lxdscope_fan_vni_mismatch_packets", "VXLAN packets between the member and the peer whose VNI is not the overlay network >> 8.", p => p.VniMismatch),
        PerPair("lxdscope_fan_oversize_packets", "Inner packets between the member and the peer larger than the fan MTU.", p => p.Oversize),
        PerPair("lxdscope_fan_fragmentation_needed_packets", "ICMP fragmentation-needed messages about traffic between the member and the peer.", p => p.FragmentationNeeded),
        PerProbe("lxdscope_fan_probe_sent", "Echoes the member's agent sent to the peer's fan bridge in its latest probe round, by kind (small, mtu: DF set at the fan MTU).", p => p.Sent),
        PerProbe("lxdscope_fan_probe_replied", "Echoes of the latest probe round the peer's fan bridge answered, by kind (small, mtu).", p => p.Replied),
        PerProbe("lxdscope_fan_probe_rtt_seconds", "Mean round trip of the latest probe round to the peer's fan bridge, by kind (small, mtu).", p => p.RttAvgSeconds),
        PerCapture("lxdscope_fan_capture_packets", "VXLAN packets the member's fan capture decoded since its agent started.", f => f.Packets),
        PerCapture("lxdscope_fan_capture_kernel_dropped_packets", "Packets the kernel dropped before the member's fan capture read them (counts incomplete when above 0).", f => f.KernelDropped),
        PerCapture("lxdscope_fan_capture_evicted_entries", "Correlation entries the member's fan capture could not keep (tables full).", f => f.Evicted),
    ];

    private static ClusterFamily PerPair(string name, string help, Func<FanPeer, double?> value) =>
        ClusterFamily.Gauge(name, help, ["cluster", "member", "peer"], (c, w) =>
        {
            foreach (var e in c.Status.Fan)
            {
                if (value(e.Peer) is { } v)
                {
                    w.Sample(v, c.Name, e.From, e.To);
                }
            }
        });

    /// <summary>The latest probe round of each kind: small echoes, and echoes at the fan MTU with DF set.</summary>
    private static ClusterFamily PerProbe(string name, string help, Func<FanProbe, double?> value) =>
        ClusterFamily.Gauge(name, help, ["cluster", "member", "peer", "kind"], (c, w) =>
        {
            foreach (var e in c.Status.Fan)
            {
                if (e.Peer.Probe is { } small && value(small) is { } s)
                {
                    w.Sample(s, c.Name, e.From, e.To, "small");
                }

                if (e.Peer.MtuProbe is { } mtu && value(mtu) is { } m)
                {
                    w.Sample(m, c.Name, e.From, e.To, "mtu");
                }
            }
        });

    private static ClusterFamily PerCapture(string name, string help, Func<State.FanCapture, double> value) =>
        ClusterFamily.Gauge(name, help, ["cluster", "member"], (c, w) =>
        {
            foreach (var f in c.Status.FanCaptures)
            {
                w.Sample(value(f), c.Name, f.Member);
            }
        });
}
