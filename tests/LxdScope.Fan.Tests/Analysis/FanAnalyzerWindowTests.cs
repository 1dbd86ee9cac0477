using LxdScope.Fan.Correlation;
using LxdScope.Fan.Diagnosis;
using LxdScope.Fan.Tests.Support;

namespace LxdScope.Fan.Tests.Analysis;

/// <summary>Windows of live capture: each judged on its own traffic, pending requests carried across the seam, windows added into totals.</summary>
public sealed class FanAnalyzerWindowTests
{
    [Fact]
    public void A_reply_after_the_seam_is_answered_in_the_next_window_not_lost()
    {
        var t = new FanTraffic();
        t.HealthyPings(1, 2).EchoRequest(1, 2, 4).Advance(500);
        var first = t.Analyzer.FinishWindow(t.Now).Pairs.Single().Stats.Up;
        t.EchoReply(2, 1, 4).Advance(3000);
        var second = t.Analyzer.FinishWindow(t.Now).Pairs.Single().Stats.Up;

        Assert.Equal((4, 3, 0), (first.EchoRequests, first.EchoReplies, first.EchoLost));
        Assert.Equal((0, 1, 0), (second.EchoRequests, second.EchoReplies, second.EchoLost));
    }

    [Fact]
    public void A_fault_in_one_window_is_not_judged_in_the_next()
    {
        var t = new FanTraffic();
        t.ArpRequest(1, 2).Advance(1500);
        var faulty = t.Analyzer.FinishWindow(t.Now);
        t.HealthyPings(1, 2).Advance(3000);
        var healthy = t.Analyzer.FinishWindow(t.Now);

        Assert.Equal("arp-unanswered", faulty.Pairs.Single().Verdict.Name());
        Assert.Equal("healthy", healthy.Pairs.Single().Verdict.Name());
    }

    [Fact]
    public void Windows_add_up_to_what_one_window_would_have_counted()
    {
        var windowed = new FanTraffic();
        var whole = new FanTraffic();
        var totals = new PairStats(FanTraffic.Host(1), FanTraffic.Host(2));
        foreach (var t in new[] { windowed, whole })
        {
            t.HealthyPings(1, 2, count: 5).EchoRequest(1, 2, 6, size: 1400).Advance(2500).HealthyPings(2, 1, count: 2);
        }

        totals.Add(windowed.Analyzer.FinishWindow(windowed.Now).Pairs.Single().Stats);
        windowed.EchoRequest(1, 2, 7, size: 1300).Advance(2500);
        whole.EchoRequest(1, 2, 7, size: 1300).Advance(2500);
        totals.Add(windowed.Analyzer.FinishWindow(windowed.Now).Pairs.Single().Stats);
        var expected = whole.Analyzer.Finish(whole.Now).Pairs.Single().Stats;

        foreach (var (sum, one) in new[] { (totals.Up, expected.Up), (totals.Down, expected.Down) })
        {
            Assert.Equal(
                (one.Packets, one.Bytes, one.ArpRequests, one.ArpAnswered, one.EchoRequests, one.EchoReplies, one.EchoLost, one.LargestAnsweredEcho, one.SmallestLostEcho),
                (sum.Packets, sum.Bytes, sum.ArpRequests, sum.ArpAnswered, sum.EchoRequests, sum.EchoReplies, sum.EchoLost, sum.LargestAnsweredEcho, sum.SmallestLostEcho));
            Assert.Equal(one.EchoRtt.Buckets.ToArray(), sum.EchoRtt.Buckets.ToArray());
            Assert.Equal((one.EchoRtt.Count, one.EchoRtt.MinSeconds, one.EchoRtt.MaxSeconds), (sum.EchoRtt.Count, sum.EchoRtt.MinSeconds, sum.EchoRtt.MaxSeconds));
            Assert.Equal(one.EchoRtt.SumSeconds, sum.EchoRtt.SumSeconds, 9);
        }

        Assert.Equal(1300, totals.Up.SmallestLostEcho);
    }

    [Fact]
    public void Only_the_same_pair_written_lower_address_first_can_be_added()
    {
        Assert.Throws<ArgumentException>(() => new PairStats(FanTraffic.Host(2), FanTraffic.Host(1)));
        var t = new FanTraffic();
        t.HealthyPings(1, 3).Advance(3000);
        var other = t.Analyzer.FinishWindow(t.Now).Pairs.Single().Stats;
        var error = Assert.Throws<ArgumentException>(() => new PairStats(FanTraffic.Host(1), FanTraffic.Host(2)).Add(other));
        Assert.Contains("192.168.0.1-192.168.0.3 is not the pair 192.168.0.1-192.168.0.2", error.Message, StringComparison.Ordinal);
    }
}
