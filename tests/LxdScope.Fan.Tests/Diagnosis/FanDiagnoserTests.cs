using LxdScope.Fan.Analysis;
using LxdScope.Fan.Diagnosis;
using LxdScope.Fan.Tests.Support;
using static LxdScope.Fan.Tests.Support.FanTraffic;

namespace LxdScope.Fan.Tests.Diagnosis;

/// <summary>Captures as seen on host 1's underlay: host 1 talks to hosts 2 and 3.</summary>
public sealed class FanDiagnoserTests
{
    private static PairDiagnosis Pair(FanReport report, int a, int b) =>
        report.Pairs.Single(p => p.Low == Host(Math.Min(a, b)) && p.High == Host(Math.Max(a, b)));

    [Fact]
    public void Answered_pings_are_healthy_with_RTT_in_the_evidence()
    {
        var report = new FanTraffic().HealthyPings(1, 2).HealthyPings(1, 3).Finish();

        Assert.Equal(Host(1), report.LocalVtep);
        var pair = Pair(report, 1, 2);
        Assert.Equal(FanVerdict.Healthy, pair.Verdict);
        Assert.Contains(pair.Evidence, e => e.Contains("3 of 3 echo requests answered, RTT min/avg/max 0.3/0.3/0.3 ms", StringComparison.Ordinal));
    }

    [Fact]
    public void Repeated_unanswered_ARP_is_arp_unanswered_naming_the_target()
    {
        var traffic = new FanTraffic().HealthyPings(1, 3);
        for (var i = 0; i < 3; i++)
        {
            traffic.ArpRequest(1, 2).Advance(1000);
        }

        var pair = Pair(traffic.Advance(2000).Finish(), 1, 2);

        Assert.Equal(FanVerdict.ArpUnanswered, pair.Verdict);
        Assert.Contains("192.168.0.1 > 192.168.0.2: 3 ARP requests (who-has 240.0.2.10 tell 240.0.1.10), none answered; 0 VXLAN packets came back", pair.Evidence);
    }

    [Fact]
    public void ARP_answered_but_echoes_lost_is_arp_ok_icmp_lost()
    {
        var traffic = new FanTraffic().ArpRequest(1, 2).ArpReply(2, 1);
        for (ushort seq = 1; seq <= 3; seq++)
        {
            traffic.EchoRequest(1, 2, seq).Advance(1000);
        }

        Assert.Equal(FanVerdict.ArpOkIcmpLost, Pair(traffic.Advance(3000).Finish(), 1, 2).Verdict);
    }

    [Fact]
    public void Small_pings_answered_and_large_ones_lost_is_mtu_blackhole()
    {
        var traffic = new FanTraffic().HealthyPings(1, 2);
        for (ushort seq = 10; seq < 13; seq++)
        {
            traffic.EchoRequest(1, 2, seq, size: 1428).Advance(1000);
        }

        var pair = Pair(traffic.Advance(3000).Finish(), 1, 2);

        Assert.Equal(FanVerdict.MtuBlackhole, pair.Verdict);
        Assert.Contains("192.168.0.1 > 192.168.0.2: 3 echo requests up to 84 bytes answered, 3 of 1428 bytes or more lost (fan MTU 1450)", pair.Evidence);
    }

    [Fact]
    public void Fragmentation_needed_is_mtu_blackhole()
    {
        var traffic = new FanTraffic().HealthyPings(1, 2).EchoRequest(1, 2, 20, size: 1428);
        var original = traffic.Frames[^1].AsSpan(64).ToArray();

        var pair = Pair(traffic.FragmentationNeeded(2, 1, original, 1400).Finish(), 1, 2);

        Assert.Equal(FanVerdict.MtuBlackhole, pair.Verdict);
        Assert.Contains(pair.Evidence, e => e.Contains("ICMP fragmentation-needed, next-hop MTU 1400", StringComparison.Ordinal));
    }

    [Fact]
    public void Frames_encapsulated_to_the_wrong_member_are_wrong_vtep()
    {
        var pair = Pair(new FanTraffic().HealthyPings(1, 3).EchoRequest(1, 2, 1, sentTo: 3).Finish(), 1, 2);

        Assert.Equal(FanVerdict.WrongVtep, pair.Verdict);
        Assert.Contains("1 frames from 192.168.0.1 for 240.0.2.10 (owned by 192.168.0.2) were encapsulated to 192.168.0.3", pair.Evidence);
    }

    [Fact]
    public void A_foreign_VNI_is_vni_mismatch_before_anything_else()
    {
        var traffic = new FanTraffic();
        for (var i = 0; i < 3; i++)
        {
            traffic.ArpRequest(1, 2, vni: 5800).Advance(1000);
        }

        var pair = Pair(traffic.Finish(), 1, 2);

        Assert.Equal(FanVerdict.VniMismatch, pair.Verdict);
        Assert.Contains(pair.Evidence, e => e.Contains("carry VNI 5800; the fan 240.0.0.0/8 expects VNI 15728640", StringComparison.Ordinal));
    }

    [Fact]
    public void Traffic_only_towards_the_peer_is_no_vxlan_arriving()
    {
        var traffic = new FanTraffic().HealthyPings(1, 3);
        for (ushort seq = 1; seq <= 3; seq++)
        {
            traffic.EchoReply(1, 2, seq);
        }

        Assert.Equal(FanVerdict.NoVxlanArriving, Pair(traffic.Finish(), 1, 2).Verdict);
    }

    [Fact]
    public void Traffic_only_from_the_peer_is_no_vxlan_leaving()
    {
        var traffic = new FanTraffic().HealthyPings(1, 3);
        for (ushort seq = 1; seq <= 3; seq++)
        {
            traffic.EchoReply(2, 1, seq);
        }

        Assert.Equal(FanVerdict.NoVxlanLeaving, Pair(traffic.Finish(), 1, 2).Verdict);
    }

    [Fact]
    public void Oversize_frames_are_flagged_in_the_evidence()
    {
        var pair = Pair(new FanTraffic().HealthyPings(1, 2, 2, size: 1500).Finish(), 1, 2);

        Assert.Contains(pair.Evidence, e => e.Contains("2 inner packets larger than the fan MTU 1450 (largest 1500 bytes)", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(FanVerdict.ArpUnanswered, "arp-unanswered")]
    [InlineData(FanVerdict.ArpOkIcmpLost, "arp-ok-icmp-lost")]
    [InlineData(FanVerdict.MtuBlackhole, "mtu-blackhole")]
    [InlineData(FanVerdict.NoVxlanLeaving, "no-vxlan-leaving")]
    [InlineData(FanVerdict.NoVxlanArriving, "no-vxlan-arriving")]
    [InlineData(FanVerdict.WrongVtep, "wrong-vtep")]
    [InlineData(FanVerdict.VniMismatch, "vni-mismatch")]
    [InlineData(FanVerdict.Healthy, "healthy")]
    public void Verdict_names_are_the_documented_ones(FanVerdict verdict, string name)
    {
        Assert.Equal(name, verdict.Name());
    }
}
