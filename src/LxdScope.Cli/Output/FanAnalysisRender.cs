using System.Globalization;
using System.Text;
using LxdScope.Fan.Analysis;
using LxdScope.Fan.Capture;
using LxdScope.Fan.Correlation;
using LxdScope.Fan.Decoding;
using LxdScope.Fan.Diagnosis;

namespace LxdScope.Cli.Output;

/// <summary><c>fan analyze</c> output: a table for people, the JSON document for scripts.</summary>
internal static class FanAnalysisRender
{
    public static FanAnalysisJson Json(string file, FanReport report, CaptureStatistics? capture, IReadOnlyList<FanProbeJson>? probes = null) => new(
        file,
        report.Map is { } map ? new FanMapJson(map.Overlay.ToString(), map.Underlay.ToString(), report.UnderlayInferred, map.ExpectedVni, map.FanMtu) : null,
        report.LocalVtep?.ToString(),
        report.Decode.Total,
        report.VxlanPackets,
        report.Decode.NonZero().ToDictionary(kv => kv.Key.Name(), kv => kv.Value),
        new FanEvictionsJson(report.Evicted.PendingArp, report.Evicted.PendingEcho, report.Evicted.UnderlayPairs, report.Evicted.OverlayPairs, report.Evicted.EchoStreams),
        report.UnmatchedArpReplies,
        report.UnmatchedEchoReplies,
        report.InFlightAtEnd,
        Math.Round((report.LastMicros - report.FirstMicros) / 1e6, 6),
        capture is null ? null : new FanCaptureJson(capture.Interface, capture.Received, capture.Dropped, capture.InterfaceDropped),
        probes,
        report.Pairs.Select(p => new FanPairJson(p.Low.ToString(), p.High.ToString(), p.Verdict.Name(), p.Findings.Select(f => f.Verdict.Name()).ToList(), p.Evidence, Direction(p.Stats.Up), Direction(p.Stats.Down))).ToList(),
        report.OverlayPairs.Select(p => new FanOverlayPairJson(
            p.Low.ToString(), p.High.ToString(), p.Underlay?.Source.ToString(), p.Underlay?.Destination.ToString(), Direction(p.Up), Direction(p.Down))).ToList());

    private static FanDirectionJson Direction(DirectionStats d) => new(
        d.Packets, d.Bytes, d.ArpRequests, d.ArpAnswered, d.ArpUnanswered, d.EchoRequests, d.EchoReplies, d.EchoLost, d.EchoMissing, d.EchoDuplicateReplies,
        Ms(d.EchoRtt.MinSeconds), Ms(d.EchoRtt.MeanSeconds), Ms(d.EchoRtt.MaxSeconds),
        d.FragmentationNeeded, d.WrongVtep, d.VniMismatch, d.Oversize);

    private static double? Ms(double seconds) => double.IsNaN(seconds) ? null : Math.Round(seconds * 1000, 3);

    public static string Table(string file, FanReport report, CaptureStatistics? capture, IReadOnlyList<FanProbeJson>? probes = null)
    {
        var text = new StringBuilder();
        var damaged = report.Decode.NonZero().Where(kv => !kv.Key.IsVxlan() && !kv.Key.IsForeign() || kv.Key > DecodeStatus.Vxlan).Sum(kv => kv.Value);
        Line(text, $"{file}: {report.Decode.Total} frames, {report.VxlanPackets} VXLAN, {damaged} damaged or cut, {(report.LastMicros - report.FirstMicros) / 1e6:0.###} s");
        if (report.Map is { } map)
        {
            Line(text, $"Fan: {map.Overlay} over {map.Underlay}{(report.UnderlayInferred ? " (underlay inferred from the first VTEP; give --underlay to be sure)" : "")}, VNI {map.ExpectedVni}, fan MTU {map.FanMtu}");
        }

        if (capture is not null)
        {
            Line(text, $"libpcap: {capture.Received} received, {capture.Dropped} dropped by the kernel, {capture.InterfaceDropped} dropped by the interface");
        }

        foreach (var p in probes ?? [])
        {
            Line(text, $"Probe {p.Peer} → {p.Target}: {p.Replied}/{p.Sent} echoes of {p.PayloadBytes} bytes{(p.DontFragment ? " with DF" : "")} answered{(p.RttAvgMs is { } rtt ? $", avg {rtt:0.###} ms" : "")}{(p.Error is { } err ? $" ({err})" : "")}");
        }

        Line(text, $"Captured on: {(report.LocalVtep is { } local ? local.ToString() : "unknown (a single pair, or not one host's underlay)")}");
        foreach (var (status, count) in report.Decode.NonZero().Where(kv => kv.Key != DecodeStatus.Vxlan))
        {
            Line(text, $"  {status.Name()}: {count}");
        }

        if (report.Evicted.Total > 0)
        {
            Line(text, $"Evicted (tables full, results incomplete): pending ARP {report.Evicted.PendingArp}, pending echo {report.Evicted.PendingEcho}, underlay pairs {report.Evicted.UnderlayPairs}, overlay pairs {report.Evicted.OverlayPairs}, echo streams {report.Evicted.EchoStreams}");
        }

        Line(text, $"Unmatched replies: ARP {report.UnmatchedArpReplies}, echo {report.UnmatchedEchoReplies}; requests in flight at the end: {report.InFlightAtEnd}");
        text.Append('\n');
        Line(text, $"{"VTEP PAIR",-33} {"VERDICT",-18} {"PACKETS >/<",-15} {"ARP ok/sent",-12} {"ECHO ok/sent",-13} RTT avg ms");
        foreach (var pair in report.Pairs)
        {
            var s = pair.Stats;
            var arp = $"{s.Up.ArpAnswered + s.Down.ArpAnswered}/{s.Up.ArpRequests + s.Down.ArpRequests}";
            var echo = $"{s.Up.EchoReplies + s.Down.EchoReplies}/{s.Up.EchoRequests + s.Down.EchoRequests}";
            var rttCount = s.Up.EchoRtt.Count + s.Down.EchoRtt.Count;
            var rtt = rttCount == 0 ? "-" : ((s.Up.EchoRtt.SumSeconds + s.Down.EchoRtt.SumSeconds) / rttCount * 1000).ToString("0.###", CultureInfo.InvariantCulture);
            Line(text, $"{pair.Low + " <> " + pair.High,-33} {pair.Verdict.Name(),-18} {s.Up.Packets + "/" + s.Down.Packets,-15} {arp,-12} {echo,-13} {rtt}");
            if (pair.Findings.Count > 1)
            {
                Line(text, $"    also: {string.Join(", ", pair.Secondary.Select(v => v.Name()))}");
            }

            foreach (var line in pair.Evidence)
            {
                Line(text, $"    {line}");
            }
        }

        if (report.OverlayPairs.Count > 0)
        {
            text.Append('\n');
            Line(text, $"{"OVERLAY PAIR",-33} {"ECHO ok/sent",-13} {"LOST",-6} RTT avg ms");
            foreach (var p in report.OverlayPairs)
            {
                var count = p.Up.EchoRtt.Count + p.Down.EchoRtt.Count;
                var rtt = count == 0 ? "-" : ((p.Up.EchoRtt.SumSeconds + p.Down.EchoRtt.SumSeconds) / count * 1000).ToString("0.###", CultureInfo.InvariantCulture);
                Line(text, $"{p.Low + " <> " + p.High,-33} {(p.Up.EchoReplies + p.Down.EchoReplies) + "/" + (p.Up.EchoRequests + p.Down.EchoRequests),-13} {p.Up.EchoLost + p.Down.EchoLost,-6} {rtt}");
            }
        }

        return text.ToString();
    }

    private static void Line(StringBuilder text, FormattableString line) => text.Append(line.ToString(CultureInfo.InvariantCulture)).Append('\n');
}
