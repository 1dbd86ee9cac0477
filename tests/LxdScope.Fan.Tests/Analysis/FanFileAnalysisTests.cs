using System.Text;
using LxdScope.Fan.Addressing;
using LxdScope.Fan.Analysis;
using LxdScope.Fan.Capture;
using LxdScope.Fan.Decoding;
using LxdScope.Fan.Tests.Fixtures;

namespace LxdScope.Fan.Tests.Analysis;

/// <summary>
/// The file analysis spread over threads gives exactly what the analyzer gives frame by frame on one
/// thread: every verdict, evidence line and count, and the trace line for line in file order.
/// </summary>
public sealed class FanFileAnalysisTests
{
    private static readonly FanAnalyzerOptions Options = new() { Underlay = Ipv4Subnet.Parse("192.168.0.0/16") };

    public static TheoryData<string> Captures()
    {
        var captures = new TheoryData<string> { NotesTrace.PcapPath };
        foreach (var path in Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "Fixtures", "Kernel"), "*.pcap").Order(StringComparer.Ordinal))
        {
            captures.Add(path);
        }

        return captures;
    }

    [Theory]
    [MemberData(nameof(Captures))]
    public void Report_and_trace_equal_those_of_one_frame_at_a_time(string path)
    {
        var analyzer = new FanAnalyzer(Options);
        var packet = default(FanPacket);
        var expectedTrace = new StringBuilder();
        FanCaptureFile.ForEach(path, (linkType, frame, time) =>
        {
            analyzer.Observe(linkType, frame, time, ref packet);
            expectedTrace.Append(FanTraceFormatter.Format(packet)).Append('\n');
        });
        var expected = analyzer.Finish();
        using var trace = new MemoryStream();

        var report = FanFileAnalysis.Analyze(path, Options, trace);

        Assert.Equal(expectedTrace.ToString(), Encoding.UTF8.GetString(trace.ToArray()));
        Assert.Equal(Describe(expected), Describe(report));
        Assert.Equal(Describe(expected), Describe(FanFileAnalysis.Analyze(path, Options)));
    }

    [Fact]
    public void A_damaged_file_is_traced_up_to_the_damage_then_refused()
    {
        var bytes = File.ReadAllBytes(NotesTrace.PcapPath);
        var path = Path.Combine(Directory.CreateTempSubdirectory("lxsfan-").FullName, "cut.pcap");
        File.WriteAllBytes(path, bytes[..(bytes.Length - 30)]);
        using var trace = new MemoryStream();

        var e = Assert.Throws<FanCaptureException>(() => FanFileAnalysis.Analyze(path, Options, trace));

        Assert.Equal(FanCaptureProblem.Truncated, e.Problem);
        var lines = Encoding.UTF8.GetString(trace.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(68, lines.Count(l => l.Contains(": VXLAN, flags", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_failing_trace_output_stops_the_analysis_with_its_error()
    {
        using var closed = new MemoryStream();
        closed.Dispose();

        Assert.Throws<ObjectDisposedException>(() => FanFileAnalysis.Analyze(NotesTrace.PcapPath, Options, closed));
    }

    private static string Describe(FanReport r)
    {
        var text = new StringBuilder();
        text.Append($"{r.Decode.Total} {r.VxlanPackets} {r.UnmatchedArpReplies} {r.UnmatchedEchoReplies} {r.InFlightAtEnd} {r.FirstMicros} {r.LastMicros} {r.LocalVtep}\n");
        foreach (var (status, count) in r.Decode.NonZero())
        {
            text.Append($"{status}={count}\n");
        }

        foreach (var pair in r.Pairs)
        {
            text.Append($"{pair.Low}-{pair.High} {pair.Verdict} [{string.Join(",", pair.Secondary)}]\n").AppendJoin('\n', pair.Evidence).Append('\n');
            foreach (var d in new[] { pair.Stats.Up, pair.Stats.Down })
            {
                text.Append($"{d.Packets} {d.Bytes} {d.ArpRequests} {d.ArpAnswered} {d.ArpUnanswered} {d.ArpRetries} {d.EchoRequests} {d.EchoReplies} {d.EchoLost} {d.EchoMissing} {d.EchoDuplicateReplies} {d.EchoDuplicateRequests} {d.EchoRtt.Count}\n");
            }
        }

        foreach (var pair in r.OverlayPairs)
        {
            text.Append($"{pair.Low}-{pair.High} {pair.Up.EchoRequests} {pair.Up.EchoReplies} {pair.Down.EchoRequests} {pair.Down.EchoReplies}\n");
        }

        return text.ToString();
    }
}
