using LxdScope.Fan.Analysis;
using LxdScope.Fan.Capture;
using LxdScope.Fan.Decoding;
using LxdScope.Fan.Diagnosis;
using LxdScope.Fan.Tests.Fixtures;

namespace LxdScope.Fan.Tests.Capture;

public sealed class FanCaptureFileTests
{
    private static FanReport Analyze(string path, List<string>? trace = null)
    {
        var analyzer = new FanAnalyzer();
        var packet = default(FanPacket);
        FanCaptureFile.ForEach(path, (linkType, frame, time) =>
        {
            analyzer.Observe(linkType, frame, time, ref packet);
            trace?.Add(FanTraceFormatter.Format(packet));
        });
        return analyzer.Finish();
    }

    [Fact]
    public void The_notes_capture_is_healthy_between_46_and_47()
    {
        var report = Analyze(NotesTrace.PcapPath);

        Assert.Equal(69, report.Decode.Total);
        Assert.Equal(69, report.VxlanPackets);
        Assert.True(report.UnderlayInferred);
        Assert.Equal("192.168.0.0/16", report.Map!.Underlay.ToString());
        Assert.Equal("192.168.0.46", report.LocalVtep.ToString());
        var pair = report.Pairs.Single(p => p.High.ToString() == "192.168.0.47");
        Assert.Equal(FanVerdict.Healthy, pair.Verdict);
        Assert.Equal(3, pair.Stats.Up.EchoReplies);
        Assert.Equal(1, pair.Stats.Up.ArpAnswered);
    }

    [Fact]
    public void The_trace_reads_like_the_notes()
    {
        var trace = new List<string>();
        Analyze(NotesTrace.PcapPath, trace);

        Assert.Contains(
            "04:31:57.421397 IP 192.168.0.46.53713 > 192.168.0.47.8472: VXLAN, flags [I] (0x08), vni 15728640\nARP, Request who-has 240.0.47.99 tell 240.0.46.14, length 28",
            trace);
        Assert.Contains(trace, l => l.EndsWith("\nARP, Reply 240.0.47.99 is-at 02:fa:00:00:00:2f, length 28", StringComparison.Ordinal));
        Assert.Contains(trace, l => l.EndsWith("\nIP 240.0.46.14 > 240.0.47.99: ICMP echo request, id 23950, seq 1, length 64", StringComparison.Ordinal));
        Assert.Contains(trace, l => l.EndsWith("\nIP 240.0.46.14 > 240.0.47.99: ICMP echo request, id 23964, seq 1, length 1408", StringComparison.Ordinal));
    }

    [Fact]
    public void A_missing_file_is_named()
    {
        var e = Assert.Throws<FanCaptureException>(() => FanCaptureFile.ForEach("/nonexistent/x.pcap", (_, _, _) => { }));

        Assert.Equal(FanCaptureProblem.Missing, e.Problem);
        Assert.Contains("/nonexistent/x.pcap: no such file", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_that_is_not_a_capture_is_refused()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("lxsfan-").FullName, "notes.txt");
        File.WriteAllText(path, "ARP, Request who-has 240.0.47.99 tell 240.0.46.14, length 28\n");

        var e = Assert.Throws<FanCaptureException>(() => FanCaptureFile.ForEach(path, (_, _, _) => { }));

        Assert.Equal(FanCaptureProblem.NotACapture, e.Problem);
    }

    [Fact]
    public void A_file_cut_inside_a_packet_is_damaged_after_the_packets_read()
    {
        var bytes = File.ReadAllBytes(NotesTrace.PcapPath);
        var path = Path.Combine(Directory.CreateTempSubdirectory("lxsfan-").FullName, "cut.pcap");
        File.WriteAllBytes(path, bytes[..(bytes.Length - 30)]);
        var read = 0;

        var e = Assert.Throws<FanCaptureException>(() => FanCaptureFile.ForEach(path, (_, _, _) => read++));

        Assert.Equal(FanCaptureProblem.Truncated, e.Problem);
        Assert.Equal(68, e.PacketsRead);
        Assert.Equal(68, read);
        Assert.Contains("damaged after 68 packets", e.Message, StringComparison.Ordinal);
    }
}
