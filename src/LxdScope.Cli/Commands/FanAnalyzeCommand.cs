using System.CommandLine;
using LxdScope.Cli.Output;
using LxdScope.Fan.Analysis;
using LxdScope.Fan.Capture;

namespace LxdScope.Cli.Commands;

/// <summary><c>lxdscope fan analyze FILE</c>: a capture of the underlay, read offline, judged per VTEP pair.</summary>
internal static class FanAnalyzeCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "A pcap or pcapng capture of a member's underlay (e.g. tcpdump -i eth0 -w FILE udp port 8472)." };
        var trace = new Option<bool>("--trace") { Description = "Print each packet, tcpdump -T vxlan style (outer datagram and VNI, then what it carried)." };
        var fan = new FanOptions();
        var command = new Command("analyze", "Analyze a capture: ARP and ping correlation per VTEP pair and overlay pair, with one verdict and its evidence per pair.")
        {
            file, trace,
        };
        foreach (var option in fan.All)
        {
            command.Options.Add(option);
        }

        command.SetAction(parse => fan.Parse(parse) is { } options
            ? Run(parse.GetValue(file)!, options, parse.GetValue(trace), fan.Json(parse))
            : ExitCodes.Usage);
        return command;
    }

    private static int Run(string path, FanAnalyzerOptions options, bool trace, bool json)
    {
        using var output = Console.OpenStandardOutput();
        FanReport report;
        try
        {
            report = FanFileAnalysis.Analyze(path, options, trace ? output : null);
        }
        catch (FanCaptureException e)
        {
            Console.Error.WriteLine($"lxdscope: {e.Message}");
            return e.Problem == FanCaptureProblem.Truncated ? ExitCodes.Failed : ExitCodes.Usage;
        }

        using var stdout = new StreamWriter(output, bufferSize: 1 << 16) { AutoFlush = false };
        if (trace)
        {
            stdout.Write('\n');
        }

        return FanReportOutput.Write(stdout, path, report, null, json, options);
    }
}
