using LxdScope.Fan.Addressing;
using LxdScope.Fan.Analysis;
using LxdScope.Fan.Capture;
using LxdScope.Fan.Decoding;
using LxdScope.Fan.Diagnosis;

namespace LxdScope.Fan.Tests.Fixtures;

/// <summary>
/// The kernel-made captures in Fixtures/Kernel (made by its make-corpus: one fault of the fan lab each,
/// captured through libpcap on host 1's underlay) judged offline: host 1 talks to hosts 2 and 3, and
/// only the pair with host 2 carries the fault.
/// </summary>
public sealed class KernelCorpusTests
{
    private static FanReport Analyze(string name)
    {
        var analyzer = new FanAnalyzer(new FanAnalyzerOptions { Underlay = Ipv4Subnet.Parse("192.168.0.0/16") });
        var packet = default(FanPacket);
        var frames = FanCaptureFile.ForEach(
            Path.Combine(AppContext.BaseDirectory, "Fixtures", "Kernel", name + ".pcap"),
            (linkType, frame, time) => analyzer.Observe(linkType, frame, time, ref packet));
        Assert.InRange(frames, 50, 1000);
        return analyzer.Finish();
    }

    private static PairDiagnosis Pair(FanReport report, int peer) =>
        report.Pairs.Single(p => p.Low == new Ipv4Address(0xC0A8_0001) && p.High == new Ipv4Address(0xC0A8_0000u | (uint)peer));

    [Theory]
    [InlineData("healthy", FanVerdict.Healthy)]
    [InlineData("loss30", FanVerdict.AsymmetricLoss)]
    [InlineData("loss5", FanVerdict.PartialLoss)]
    [InlineData("flap", FanVerdict.PartialLoss)]
    [InlineData("arploss", FanVerdict.IntermittentArp)]
    [InlineData("dup", FanVerdict.DuplicateReplies)]
    [InlineData("icmp", FanVerdict.ArpOkIcmpLost)]
    [InlineData("mtu", FanVerdict.MtuBlackhole)]
    [InlineData("fdb", FanVerdict.ArpUnanswered)]
    public void Each_kernel_made_fault_has_its_verdict_and_host_3_stays_healthy(string capture, FanVerdict verdict)
    {
        var report = Analyze(capture);

        Assert.Equal(new Ipv4Address(0xC0A8_0001), report.LocalVtep);
        var pair = Pair(report, 2);
        Assert.True(verdict == pair.Verdict, $"{pair.Verdict}:\n{string.Join("\n", pair.Evidence)}");
        var other = Pair(report, 3);
        Assert.True(other.Verdict == FanVerdict.Healthy, $"1-3 {other.Verdict}:\n{string.Join("\n", other.Evidence)}");
        Assert.Empty(other.Findings);
    }

    [Fact]
    public void Thirty_percent_of_host_2s_VXLAN_dropped_is_named_on_its_leg()
    {
        var pair = Pair(Analyze("loss30"), 2);

        Assert.StartsWith("loss one way: 192.168.0.2 > 192.168.0.1 loses about ", pair.Evidence[0], StringComparison.Ordinal);
        Assert.True(pair.Stats.Down.EchoMissing > 0);
        Assert.True(pair.Stats.Up.EchoLost > 0);
    }
}
