using System.CommandLine;
using LxdScope.Cli.Output;
using LxdScope.Fan.Analysis;
using LxdScope.Fan.Capture;
using LxdScope.Fan.Decoding;

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
        var analyzer = new FanAnalyzer(options);
        using var stdout = new StreamWriter(Console.OpenStandardOutput(), bufferSize: 1 << 16) { AutoFlush = false };
        var packet = default(FanPacket);
        try
        {
            if (trace)
            {
                FanCaptureFile.ForEach(path, (linkType, frame, time) =>
                {
                    analyzer.Observe(linkType, frame, time, ref packet);
                    stdout.Write(FanTraceFormatter.Format(packet));
                    stdout.Write('\n');
                });
                stdout.Write('\n');
            }
            else
            {
                FanCaptureFile.ForEach(path, (linkType, frame, time) => analyzer.Observe(linkType, frame, time, ref packet));
            }
        }
        catch (FanCaptureException e)
        {
            stdout.Flush();
            Console.Error.WriteLine($"lxdscope: {e.Message}");
            return e.Problem == FanCaptureProblem.Truncated ? ExitCodes.Failed : ExitCodes.Usage;
        }

        return FanReportOutput.Write(stdout, path, analyzer.Finish(), null, json, options);
    }
}
