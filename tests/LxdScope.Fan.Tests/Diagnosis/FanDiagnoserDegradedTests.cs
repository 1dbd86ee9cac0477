using LxdScope.Fan.Addressing;
using LxdScope.Fan.Analysis;
using LxdScope.Fan.Diagnosis;
using LxdScope.Fan.Tests.Support;
using static LxdScope.Fan.Tests.Support.FanTraffic;

namespace LxdScope.Fan.Tests.Diagnosis;

/// <summary>Degraded pairs, seen on host 1's underlay (host 1 also pings host 3, so the capture's end is known).</summary>
public sealed class FanDiagnoserDegradedTests
{
    private static PairDiagnosis Pair(FanReport report, int a, int b) =>
        report.Pairs.Single(p => p.Low == Host(Math.Min(a, b)) && p.High == Host(Math.Max(a, b)));

    private static void HasLine(PairDiagnosis pair, Func<string, bool> match) =>
        Assert.True(pair.Evidence.Any(match), "evidence:\n" + string.Join("\n", pair.Evidence));

    private static void HasLine(PairDiagnosis pair, string line) => HasLine(pair, e => e == line);

    private static FanTraffic Lab(FanThresholds? thresholds = null) =>
        new FanTraffic(new FanAnalyzerOptions { Underlay = Ipv4Subnet.Parse("192.168.0.0/16"), Thresholds = thresholds ?? new FanThresholds() })
            .HealthyPings(1, 3).ArpRequest(1, 2).Advance(0.05).ArpReply(2, 1).Advance(1);

    [Fact]
    public void Thirty_percent_of_replies_lost_is_partial_loss_with_the_rate()
    {
        var pair = Pair(Lab().Pings(1, 2, 400, unanswered: seq => seq % 10 < 3).Finish(), 1, 2);

        Assert.Equal(FanVerdict.PartialLoss, pair.Verdict);
        HasLine(pair, "192.168.0.1 > 192.168.0.2: 120 of 400 echo requests lost (30 %): 120 unanswered after the capture point, 0 never reached it");
        HasLine(pair, e => e.StartsWith("too few echoes both ways", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(4, FanVerdict.PartialLoss)]
    [InlineData(2, FanVerdict.PartialLoss)]
    [InlineData(1, FanVerdict.Healthy)]
    public void One_percent_over_hundreds_of_echoes_is_not_noise_but_one_echo_is(int lost, FanVerdict verdict)
    {
        var pair = Pair(Lab().Pings(1, 2, 400, unanswered: seq => seq <= lost).Finish(), 1, 2);

        Assert.True(verdict == pair.Verdict, $"{pair.Verdict}: " + string.Join("\n", pair.Evidence));
        Assert.Equal(verdict == FanVerdict.Healthy, pair.Findings.Count == 0);
    }

    [Fact]
    public void The_loss_threshold_is_configurable()
    {
        var lossy = Lab(new FanThresholds { LossRate = 0.02 }).Pings(1, 2, 400, unanswered: seq => seq % 100 == 0);

        Assert.Equal(FanVerdict.Healthy, Pair(lossy.Finish(), 1, 2).Verdict);
    }

    [Fact]
    public void Loss_only_on_the_way_in_is_asymmetric_loss_naming_the_lossy_leg()
    {
        // Host 2 drops 30 % of what it sends: its own requests never arrive, and its replies to host 1 go missing.
        var traffic = Lab().Pings(1, 2, 200, unanswered: seq => seq % 10 < 3).Pings(2, 1, 200, missing: seq => seq % 10 is 4 or 5 or 6);
        var pair = Pair(traffic.Finish(), 1, 2);

        Assert.Equal(FanVerdict.AsymmetricLoss, pair.Verdict);
        Assert.Equal("loss one way: 192.168.0.2 > 192.168.0.1 loses about 30 %, the way back about 0 %", pair.Evidence[0]);
        HasLine(pair, "192.168.0.2 > 192.168.0.1: 60 of 200 echo requests lost (30 %): 0 unanswered after the capture point, 60 never reached it");
    }

    [Fact]
    public void Loss_inside_the_capturing_host_is_asymmetric_loss_on_the_way_out()
    {
        // Host 1 drops 20 % of what it sends: its requests never reach its wire, nor its replies to host 2.
        var traffic = Lab().Pings(1, 2, 200, missing: seq => seq % 5 == 3).Pings(2, 1, 200, unanswered: seq => seq % 5 == 1);
        var pair = Pair(traffic.Finish(), 1, 2);

        Assert.Equal(FanVerdict.AsymmetricLoss, pair.Verdict);
        HasLine(pair, e => e.StartsWith("loss one way: 192.168.0.1 > 192.168.0.2 loses about 20 %", StringComparison.Ordinal));
    }

    [Fact]
    public void Loss_both_ways_is_partial_loss_with_both_legs()
    {
        // 20 % lost each way: host 2's requests go missing; host 1's round trips lose 1 − 0.8 × 0.8 = 36 %.
        var traffic = Lab().Pings(1, 2, 500, unanswered: seq => seq % 25 < 9).Pings(2, 1, 500, missing: seq => seq % 5 == 3);
        var pair = Pair(traffic.Finish(), 1, 2);

        Assert.Equal(FanVerdict.PartialLoss, pair.Verdict);
        HasLine(pair, "per leg: 192.168.0.1 > 192.168.0.2 about 20 % of 900, 192.168.0.2 > 192.168.0.1 about 20 % of 500");
    }

    [Fact]
    public void Some_ARP_requests_unanswered_is_intermittent_arp()
    {
        var traffic = Lab();
        for (var i = 0; i < 10; i++)
        {
            traffic.ArpRequest(1, 2).Advance(0.1);
            if (i % 2 == 0)
            {
                traffic.ArpReply(2, 1);
            }

            traffic.Advance(1500);
        }

        var pair = Pair(traffic.Finish(), 1, 2);

        Assert.Equal(FanVerdict.IntermittentArp, pair.Verdict);
        HasLine(pair, "192.168.0.1 > 192.168.0.2: 5 of 11 ARP requests unanswered (45.5 %; 0 of them asked again before an answer came), the last given up who-has 240.0.2.10 tell 240.0.1.10");
    }

    [Fact]
    public void ARP_answered_only_when_asked_again_is_intermittent_arp()
    {
        var traffic = Lab();
        for (var i = 0; i < 4; i++)
        {
            traffic.ArpRequest(1, 2).Advance(900).ArpRequest(1, 2).Advance(0.1).ArpReply(2, 1).Advance(2000);
        }

        var pair = Pair(traffic.Finish(), 1, 2);

        Assert.Equal(FanVerdict.IntermittentArp, pair.Verdict);
        HasLine(pair, "192.168.0.1 > 192.168.0.2: 4 of 9 ARP requests unanswered (44.4 %; 4 of them asked again before an answer came)");
    }

    [Fact]
    public void Duplicated_replies_are_duplicate_replies()
    {
        var pair = Pair(Lab().Pings(1, 2, 100, duplicated: seq => seq % 10 == 0).Finish(), 1, 2);

        Assert.Equal(FanVerdict.DuplicateReplies, pair.Verdict);
        HasLine(pair, "192.168.0.1 > 192.168.0.2: 10 duplicate replies to 100 answered echo requests (10 %)");
    }

    [Fact]
    public void Round_trips_far_above_the_pairs_fastest_are_high_rtt()
    {
        var pair = Pair(Lab().Pings(1, 2, 100, rttMs: seq => seq <= 10 ? 0.3 : 30).Finish(), 1, 2);

        Assert.Equal(FanVerdict.HighRtt, pair.Verdict);
        HasLine(pair, e => e.StartsWith("192.168.0.1 > 192.168.0.2: median echo RTT about 30 ms against the pair's fastest 0.3 ms", StringComparison.Ordinal));
    }

    [Fact]
    public void A_tail_of_slow_round_trips_is_unstable_rtt()
    {
        var pair = Pair(Lab().Pings(1, 2, 100, rttMs: seq => seq % 5 == 0 ? 80 : 0.3).Finish(), 1, 2);

        Assert.Equal(FanVerdict.UnstableRtt, pair.Verdict);
        HasLine(pair, e => e.Contains("90th percentile echo RTT about 80 ms against a median of about 0.5 ms", StringComparison.Ordinal));
    }

    [Fact]
    public void Loss_with_duplicates_has_loss_as_headline_and_duplicates_as_secondary()
    {
        var pair = Pair(Lab().Pings(1, 2, 200, unanswered: seq => seq % 10 == 1, duplicated: seq => seq % 10 == 5).Finish(), 1, 2);

        Assert.Equal(FanVerdict.PartialLoss, pair.Verdict);
        Assert.Equal([FanVerdict.PartialLoss, FanVerdict.DuplicateReplies], pair.Findings.Select(f => f.Verdict));
        Assert.Equal([FanVerdict.DuplicateReplies], pair.Secondary);
    }

    [Fact]
    public void A_breaking_verdict_is_the_only_finding()
    {
        var traffic = Lab();
        for (ushort seq = 100; seq < 110; seq++)
        {
            traffic.EchoRequest(1, 2, seq, sentTo: 3).Advance(100);
        }

        var pair = Pair(traffic.Advance(3000).Finish(), 1, 2);

        Assert.Equal(FanVerdict.WrongVtep, pair.Verdict);
        Assert.Single(pair.Findings);
    }

    [Fact]
    public void A_clean_pair_has_no_findings()
    {
        var pair = Pair(Lab().Pings(1, 2, 300).Pings(2, 1, 300).Finish(), 1, 2);

        Assert.Equal(FanVerdict.Healthy, pair.Verdict);
        Assert.Empty(pair.Findings);
    }

    [Theory]
    [InlineData(0.0, "loss threshold must be above 0 %")]
    [InlineData(1.5, "at most 100 %")]
    public void Out_of_range_thresholds_are_named(double rate, string message)
    {
        Assert.Contains(message, new FanThresholds { LossRate = rate }.Problem(), StringComparison.Ordinal);
    }

    [Fact]
    public void Degraded_verdict_names_are_the_documented_ones()
    {
        Assert.Equal(
            ["asymmetric-loss", "partial-loss", "intermittent-arp", "duplicate-replies", "high-rtt", "unstable-rtt"],
            Enum.GetValues<FanVerdict>().Where(v => v.IsDegraded()).Select(v => v.Name()));
    }
}
