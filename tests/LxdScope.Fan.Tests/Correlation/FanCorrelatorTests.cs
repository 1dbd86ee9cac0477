using LxdScope.Fan.Analysis;
using LxdScope.Fan.Correlation;
using LxdScope.Fan.Tests.Support;
using static LxdScope.Fan.Tests.Support.FanTraffic;

namespace LxdScope.Fan.Tests.Correlation;

public sealed class FanCorrelatorTests
{
    private static PairStats Pair(FanReport report, int a, int b) =>
        report.Pairs.Single(p => p.Low == Host(Math.Min(a, b)) && p.High == Host(Math.Max(a, b))).Stats;

    [Fact]
    public void ARP_request_and_reply_are_matched_per_VNI_and_target()
    {
        var report = new FanTraffic().ArpRequest(1, 2).Advance(0.2).ArpReply(2, 1).Finish();

        var up = Pair(report, 1, 2).Up;
        Assert.Equal(1, up.ArpRequests);
        Assert.Equal(1, up.ArpAnswered);
        Assert.Equal(0, up.ArpUnanswered);
        Assert.Equal(0.0002, up.ArpReplyTime.MaxSeconds, 6);
    }

    [Fact]
    public void An_ARP_reply_on_another_VNI_does_not_answer()
    {
        var report = new FanTraffic().ArpRequest(1, 2).ArpReply(2, 1, vni: 5800).Advance(1500).ArpRequest(1, 3).Finish();

        Assert.Equal(1, Pair(report, 1, 2).Up.ArpUnanswered);
        Assert.Equal(1, report.UnmatchedArpReplies);
    }

    [Fact]
    public void A_reply_to_another_asker_does_not_answer()
    {
        var report = new FanTraffic().ArpRequest(1, 2).ArpRequest(3, 2).ArpReply(2, 3).Advance(1500).ArpRequest(1, 3).Finish();

        Assert.Equal(1, Pair(report, 1, 2).Up.ArpUnanswered);
        Assert.Equal(1, Pair(report, 2, 3).Down.ArpAnswered);
    }

    [Fact]
    public void Flooded_copies_of_one_request_count_once()
    {
        var report = new FanTraffic().ArpRequest(1, 2, sentTo: 3).ArpRequest(1, 2).Advance(0.1).ArpReply(2, 1).Finish();

        Assert.Equal(1, Pair(report, 1, 2).Up.ArpRequests);
        Assert.Equal(1, Pair(report, 1, 2).Up.ArpAnswered);
    }

    [Fact]
    public void Echo_RTT_loss_and_duplicates()
    {
        var traffic = new FanTraffic().HealthyPings(1, 2, count: 2);
        traffic.EchoRequest(1, 2, 3).Advance(0.5).EchoReply(2, 1, 3).EchoReply(2, 1, 3).Advance(1000);
        traffic.EchoRequest(1, 2, 4).Advance(3000);
        var up = Pair(traffic.Finish(), 1, 2).Up;

        Assert.Equal(4, up.EchoRequests);
        Assert.Equal(3, up.EchoReplies);
        Assert.Equal(1, up.EchoLost);
        Assert.Equal(1, up.EchoDuplicateReplies);
        Assert.Equal(3, up.EchoRtt.Count);
        Assert.Equal(0.0003, up.EchoRtt.MinSeconds, 6);
        Assert.Equal(0.0005, up.EchoRtt.MaxSeconds, 6);
    }

    [Fact]
    public void Requests_younger_than_the_timeout_at_the_end_are_in_flight_not_lost()
    {
        var report = new FanTraffic().HealthyPings(1, 2, 1).EchoRequest(1, 2, 9).Advance(100).Finish();

        Assert.Equal(0, Pair(report, 1, 2).Up.EchoLost);
        Assert.Equal(1, report.InFlightAtEnd);
    }

    [Fact]
    public void A_unicast_frame_for_one_member_sent_to_another_is_wrong_VTEP_on_the_intended_pair()
    {
        var report = new FanTraffic().EchoRequest(1, 2, 1, sentTo: 3).Finish();

        var up = Pair(report, 1, 2).Up;
        Assert.Equal(1, up.WrongVtep);
        Assert.Equal(Host(3), up.LastWrongVtepUsed);
        Assert.Equal(Container(2), up.LastWrongVtepInner);
    }

    [Fact]
    public void Broadcast_ARP_flooded_to_every_VTEP_is_not_wrong_VTEP()
    {
        var report = new FanTraffic().ArpRequest(1, 2, sentTo: 3).Finish();

        Assert.All(report.Pairs, p => Assert.Equal(0, p.Stats.Up.WrongVtep + p.Stats.Down.WrongVtep));
    }

    [Fact]
    public void VNI_other_than_overlay_shifted_is_counted()
    {
        var up = Pair(new FanTraffic().ArpRequest(1, 2, vni: 5800).Finish(), 1, 2).Up;

        Assert.Equal(1, up.VniMismatch);
        Assert.Equal(5800u, up.LastUnexpectedVni);
    }

    [Fact]
    public void Inner_packets_above_the_fan_MTU_are_oversize()
    {
        var up = Pair(new FanTraffic().EchoRequest(1, 2, 1, size: 1500).EchoRequest(1, 2, 2, size: 1450).Finish(), 1, 2).Up;

        Assert.Equal(1, up.Oversize);
        Assert.Equal(1500, up.LargestOversize);
    }

    [Fact]
    public void Fragmentation_needed_is_charged_to_the_original_direction()
    {
        var traffic = new FanTraffic().EchoRequest(1, 2, 1, size: 1428);
        var originalIp = traffic.Frames[^1].AsSpan(64).ToArray();
        var report = traffic.FragmentationNeeded(2, 1, originalIp, 1400).Finish();

        var up = Pair(report, 1, 2).Up;
        Assert.Equal(1, up.FragmentationNeeded);
        Assert.Equal(1400, up.LastNextHopMtu);
    }

    [Fact]
    public void Overlay_pairs_carry_echo_results_and_their_underlay_pair()
    {
        var report = new FanTraffic().HealthyPings(1, 2, 2).Finish();

        var overlay = Assert.Single(report.OverlayPairs);
        Assert.Equal(Container(1), overlay.Low);
        Assert.Equal(2, overlay.Up.EchoReplies);
        Assert.Equal(new LxdScope.Fan.Flows.Ipv4Flow(Host(1), Host(2)), overlay.Underlay);
    }

    [Fact]
    public void A_full_echo_table_evicts_and_says_so()
    {
        var traffic = new FanTraffic(new FanAnalyzerOptions
        {
            Underlay = LxdScope.Fan.Addressing.Ipv4Subnet.Parse("192.168.0.0/16"),
            Limits = new CorrelatorLimits { MaxPendingEcho = 10 },
        });
        for (ushort seq = 0; seq < 25; seq++)
        {
            traffic.EchoRequest(1, 2, seq);
        }

        var report = traffic.Finish();

        Assert.Equal(15, report.Evicted.PendingEcho);
        Assert.Equal(25, Pair(report, 1, 2).Up.EchoRequests);
    }

    [Fact]
    public void Timestamps_going_backwards_do_not_expire_or_break_anything()
    {
        var traffic = new FanTraffic().EchoRequest(1, 2, 1).Advance(-5000).EchoReply(2, 1, 1);

        var up = Pair(traffic.Finish(), 1, 2).Up;

        Assert.Equal(1, up.EchoReplies);
        Assert.Equal(0, up.EchoRtt.MinSeconds);
    }

    [Fact]
    public void Steady_traffic_allocates_nothing_per_packet()
    {
        var traffic = new FanTraffic().HealthyPings(1, 2, 50);
        var request = traffic.EchoRequest(1, 2, 1).Frames[^1];
        var reply = traffic.EchoReply(2, 1, 1).Frames[^1];
        var packet = default(LxdScope.Fan.Decoding.FanPacket);
        var now = traffic.Now;
        for (var i = 0; i < 2000; i++)
        {
            now += 3_000_000;
            traffic.Analyzer.Observe(LxdScope.Fan.Decoding.LinkType.Ethernet, request, now, ref packet);
            traffic.Analyzer.Observe(LxdScope.Fan.Decoding.LinkType.Ethernet, reply, now + 100, ref packet);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 10_000; i++)
        {
            now += 3_000_000;
            traffic.Analyzer.Observe(LxdScope.Fan.Decoding.LinkType.Ethernet, request, now, ref packet);
            traffic.Analyzer.Observe(LxdScope.Fan.Decoding.LinkType.Ethernet, reply, now + 100, ref packet);
        }

        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
    }

    [Fact]
    public void Gaps_in_a_pingers_sequence_are_requests_missing_before_the_capture()
    {
        var report = new FanTraffic().Pings(2, 1, 20, missing: seq => seq is 5 or 6 or 12).Finish();

        var down = Pair(report, 1, 2).Down;
        Assert.Equal(17, down.EchoRequests);
        Assert.Equal(3, down.EchoMissing);
        Assert.Equal(0, down.EchoLost);
    }

    [Fact]
    public void A_late_request_fills_the_gap_it_left()
    {
        var traffic = new FanTraffic().EchoRequest(1, 2, 1).EchoRequest(1, 2, 3).EchoRequest(1, 2, 2);

        Assert.Equal(0, Pair(traffic.Advance(3000).Finish(), 1, 2).Up.EchoMissing);
    }

    [Fact]
    public void A_new_pinger_restarting_the_sequence_or_a_wide_jump_is_not_loss()
    {
        var traffic = new FanTraffic().Pings(1, 2, 100).Pings(1, 2, 3);
        traffic.EchoRequest(1, 2, 30_000).Advance(3000);

        Assert.Equal(0, Pair(traffic.Finish(), 1, 2).Up.EchoMissing);
    }

    [Fact]
    public void Sequence_numbers_wrap_without_a_gap()
    {
        var traffic = new FanTraffic().EchoRequest(1, 2, 65_535).Advance(100).EchoRequest(1, 2, 0).Advance(100).EchoRequest(1, 2, 2).Advance(3000);

        Assert.Equal(1, Pair(traffic.Finish(), 1, 2).Up.EchoMissing);
    }
}
