using System.Text.Json;
using LxdScope.Cli.Output;
using LxdScope.Fan.Analysis;
using LxdScope.Fan.Capture;

namespace LxdScope.Cli.Commands;

/// <summary>Writes a fan report (from a file or a live capture) and decides the exit code.</summary>
internal static class FanReportOutput
{
    public static int Write(TextWriter stdout, string source, FanReport report, CaptureStatistics? capture, bool json, FanAnalyzerOptions options, IReadOnlyList<FanProbeJson>? probes = null)
    {
        if (json)
        {
            stdout.Write(JsonSerializer.Serialize(FanAnalysisRender.Json(source, report, capture, probes), CliJsonContext.Default.FanAnalysisJson));
            stdout.Write('\n');
        }
        else
        {
            stdout.Write(FanAnalysisRender.Table(source, report, capture, probes));
        }

        stdout.Flush();
        if (report.VxlanPackets == 0)
        {
            Console.Error.WriteLine($"lxdscope: {source}: no VXLAN packets on UDP {options.Port} or {options.AlternatePort} among {report.Decode.Total} frames");
            return ExitCodes.Failed;
        }

        return ExitCodes.Ok;
    }
}
