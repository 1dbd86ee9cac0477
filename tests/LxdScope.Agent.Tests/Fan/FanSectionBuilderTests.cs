using LxdScope.Agent.Fan;
using LxdScope.Fan.Addressing;
using LxdScope.Fan.Analysis;
using LxdScope.Fan.Capture;
using LxdScope.Fan.Correlation;
using LxdScope.Fan.Decoding;
using LxdScope.Fan.Probing;
using LxdScope.Fan.Synthesis;

namespace LxdScope.Agent.Tests.Fan;

/// <summary>The fan monitor's snapshot turned into the wire contract: one row per peer member, from this member's side.</summary>
public sealed class FanSectionBuilderTests
{
    private const uint Vni = 15728640;
    private static readonly Ipv4Address Node1 = Ipv4Address.Parse("192.168.0.1");
    private static readonly Ipv4Address Node2 = Ipv4Address.Parse("192.168.0.2");
    private static readonly Ipv4Address Node3 = Ipv4Address.Parse("192.168.0.3");

    private static Ipv4Address Container(int x) => new(0xF000_0000u | ((uint)x << 8) | 10);

    private static MacAddress Mac(int x) => new(0x02FA_0000_0000UL | (uint)x);

    private static FanFrameWriter.Outer Outer(int from, int to) =>
        new(new Ipv4Address(0xC0A8_0000u | (uint)from), new Ipv4Address(0xC0A8_0000u | (uint)to), 40000, 8472, Vni);

    private static readonly DateTimeOffset Epoch = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);

    /// <summary>Host 1 pings host 2's container (answered) and asks for host 3's (never answered).</summary>
    private static FanReport Traffic() => Traffic(new FanAnalyzer(new FanAnalyzerOptions { Underlay = Ipv4Subnet.Parse("192.168.0.0/16") }), arpToNode3Answered: false);

    private static FanReport Traffic(FanAnalyzer analyzer, bool arpToNode3Answered, long now = 1_700_000_000_000_000L)
    {
        var buffer = new byte[2048];
        var packet = default(FanPacket);
        void Feed(int length, double advanceMs)
        {
            analyzer.Observe(LinkType.Ethernet, buffer.AsSpan(0, length), now, ref packet);
            now += (long)(advanceMs * 1000);
        }

        Feed(FanFrameWriter.ArpRequest(buffer, Outer(1, 2), Mac(1), Container(1), Container(2)), 0.1);
        Feed(FanFrameWriter.ArpReply(buffer, Outer(2, 1), Mac(2), Container(2), Mac(1), Container(1)), 0.1);
        for (ushort seq = 1; seq <= 3; seq++)
        {
            Feed(FanFrameWriter.Echo(buffer, Outer(1, 2), Mac(1), Mac(2), Container(1), Container(2), false, 9, seq), 0.25);
            Feed(FanFrameWriter.Echo(buffer, Outer(2, 1), Mac(2), Mac(1), Container(2), Container(1), true, 9, seq), 1000);
        }

        for (var i = 0; i < 3; i++)
        {
            Feed(FanFrameWriter.ArpRequest(buffer, Outer(1, 3), Mac(1), Container(1), Container(3)), arpToNode3Answered ? 0.1 : 1000);
            if (arpToNode3Answered)
            {
                Feed(FanFrameWriter.ArpReply(buffer, Outer(3, 1), Mac(3), Container(3), Mac(1), Container(1)), 1000);
            }
        }

        return analyzer.FinishWindow(now + 3_000_000);
    }

    private static FanMonitor Monitor() => new(new FanMonitorOptions { Interface = "eth0", Underlay = Ipv4Subnet.Parse("192.168.0.0/16") });

    /// <summary>A window holding <paramref name="report"/>, whose pairs are also the totals (the first window since the start).</summary>
    private static FanWindow Window(FanReport report, IReadOnlyDictionary<Ipv4Address, FanProbeRound>? probes = null, IReadOnlyList<PairStats>? totals = null) =>
        new(report, totals ?? report.Pairs.Select(p => p.Stats).ToList(), new CaptureStatistics("eth0", 12, 0, 0), probes ?? new Dictionary<Ipv4Address, FanProbeRound>(), Epoch, Epoch.AddSeconds(10));

    [Fact]
    public void Each_peer_gets_its_verdict_counts_probes_and_member_name()
    {
        using var monitor = Monitor();
        var probes = new Dictionary<Ipv4Address, FanProbeRound>
        {
            [Node2] = new(new FanProbeResult(Ipv4Address.Parse("240.0.2.1"), 56, false, 3, 3, 0.0001, 0.0002, 0.0003, null),
                          new FanProbeResult(Ipv4Address.Parse("240.0.2.1"), 1422, true, 3, 0, null, null, null, "TimedOut"), Epoch.AddSeconds(1)),
        };

        var section = FanSectionBuilder.Build(monitor, Window(Traffic(), probes), Node1, [("node1", Node1), ("node2", Node2), ("node3", Node3)]);

        Assert.Equal("192.168.0.1", section.LocalVtep);
        Assert.Equal(15728640, section.Vni);
        Assert.Equal(1450, section.FanMtu);
        var node2 = section.Peers.Single(p => p.Member == "node2");
        Assert.Equal("healthy", node2.Verdict);
        Assert.Empty(node2.Findings!);
        Assert.Equal(3, node2.EchoReplies);
        Assert.Equal(3, node2.RttBuckets.Sum());
        Assert.Equal(0, node2.MtuProbe!.Replied);
        Assert.True(node2.MtuProbe.DontFragment);
        var node3 = section.Peers.Single(p => p.Member == "node3");
        Assert.Equal("arp-unanswered", node3.Verdict);
        Assert.Equal(["arp-unanswered"], node3.Findings!.Select(f => f.Verdict));
        Assert.Equal(node3.Evidence[0], node3.Findings![0].Evidence[0]);
        Assert.Equal(3, node3.ArpRequests);
        Assert.InRange(node3.ArpUnanswered, 1, 3); // retries within the 1 s timeout are one question
        Assert.Null(node3.Probe);
    }

    [Fact]
    public void A_peer_probed_in_the_window_with_no_traffic_at_all_is_no_vxlan_leaving()
    {
        using var monitor = Monitor();
        var probes = new Dictionary<Ipv4Address, FanProbeRound>
        {
            [Ipv4Address.Parse("192.168.0.4")] = new(new FanProbeResult(Ipv4Address.Parse("240.0.4.1"), 56, false, 3, 0, null, null, null, "TimedOut"), null, Epoch.AddSeconds(2)),
        };

        var section = FanSectionBuilder.Build(monitor, Window(Traffic(), probes), Node1, [("node1", Node1)]);

        var silent = section.Peers.Single(p => p.Vtep == "192.168.0.4");
        Assert.Equal("no-vxlan-leaving", silent.Verdict);
        Assert.Contains("240.0.4.1", silent.Evidence[0], StringComparison.Ordinal);
        Assert.Contains("in the last 10 s", silent.Evidence[0], StringComparison.Ordinal);
    }

    [Fact]
    public void A_peer_neither_probed_nor_heard_in_the_window_keeps_its_counts_and_is_not_called_broken()
    {
        using var monitor = Monitor();
        var probes = new Dictionary<Ipv4Address, FanProbeRound>
        {
            [Node2] = new(new FanProbeResult(Ipv4Address.Parse("240.0.2.1"), 56, false, 3, 3, 0.0001, 0.0002, 0.0003, null), null, Epoch.AddSeconds(-5)),
        };
        var earlier = Traffic();
        var empty = new FanAnalyzer(new FanAnalyzerOptions { Underlay = Ipv4Subnet.Parse("192.168.0.0/16") }).FinishWindow(0);

        var section = FanSectionBuilder.Build(monitor, Window(empty, probes, earlier.Pairs.Select(p => p.Stats).ToList()), Node1, [("node1", Node1), ("node2", Node2)]);

        var node2 = section.Peers.Single(p => p.Member == "node2");
        Assert.Equal("healthy", node2.Verdict);
        Assert.StartsWith("no fan traffic with 192.168.0.2 in the last 10 s", node2.Evidence[0], StringComparison.Ordinal);
        Assert.Equal(3, node2.EchoReplies);
        Assert.Equal(3, node2.Probe!.Replied);
    }

    [Fact]
    public void The_verdict_is_the_latest_windows_while_the_counts_add_up_since_the_start()
    {
        using var monitor = Monitor();
        var analyzer = new FanAnalyzer(new FanAnalyzerOptions { Underlay = Ipv4Subnet.Parse("192.168.0.0/16") });
        var first = Traffic(analyzer, arpToNode3Answered: false);
        var second = Traffic(analyzer, arpToNode3Answered: true, now: 1_700_000_100_000_000L);
        var totals = first.Pairs.Select(p => new PairStats(p.Low, p.High)).ToList();
        foreach (var total in totals)
        {
            total.Add(first.Pairs.Single(p => p.Low == total.Low && p.High == total.High).Stats);
            total.Add(second.Pairs.Single(p => p.Low == total.Low && p.High == total.High).Stats);
        }

        Assert.Equal("arp-unanswered", FanSectionBuilder.Build(monitor, Window(first), Node1, [("node1", Node1), ("node3", Node3)]).Peers.Single(p => p.Member == "node3").Verdict);
        var node3 = FanSectionBuilder.Build(monitor, Window(second, totals: totals), Node1, [("node1", Node1), ("node3", Node3)]).Peers.Single(p => p.Member == "node3");

        Assert.Equal("healthy", node3.Verdict);
        Assert.Equal(6, node3.ArpRequests);
        Assert.InRange(node3.ArpUnanswered, 1, 3);
        Assert.Equal(6, FanSectionBuilder.Build(monitor, Window(second, totals: totals), Node1, [("node1", Node1), ("node2", Node2)]).Peers.Single(p => p.Member == "node2").EchoReplies);
    }
}
