using System.CommandLine;
using LxdScope.Lxd.Safety;

namespace LxdScope.Cli.Commands;

/// <summary>
/// <c>lxdscope fan capture -i IF</c>: live capture of the fan's VXLAN on an underlay interface until
/// the duration ends or SIGINT/SIGTERM, then the same report as <c>fan analyze</c> plus libpcap's drop counters.
/// </summary>
internal static class FanCaptureCommand
{
    public static Command Create()
    {
        var iface = new Option<string>("--interface", "-i") { Description = "The underlay interface (the one carrying UDP 8472).", Required = true };
        var duration = new Option<TimeSpan?>("--duration") { Description = "Stop after this long (e.g. 00:00:30); default: until SIGINT or SIGTERM." };
        var write = new Option<string?>("--write", "-w") { Description = "Also write every captured frame to this pcap file." };
        var fan = new FanOptions();
        var command = new Command("capture", "Capture the fan's VXLAN live (libpcap, BPF on the VXLAN ports) and report per pair as fan analyze does.")
        {
            iface, duration, write,
        };
        foreach (var option in fan.All)
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parse, ct) =>
        {
            if (fan.Parse(parse) is not { } options)
            {
                return ExitCodes.Usage;
            }

            if (parse.GetValue(write) is { } pcap)
            {
                try
                {
                    OutputPathGuard.Check(pcap, "--write");
                }
                catch (OutputPathRefusedException e)
                {
                    await Console.Error.WriteLineAsync($"lxdscope: {e.Message}");
                    return ExitCodes.Refused;
                }
            }

            var captured = await FanLiveRun.CaptureAsync(parse.GetValue(iface)!, options, parse.GetValue(write), async session =>
            {
                // Tests and scripts wait for this line before sending traffic.
                await Console.Error.WriteLineAsync($"lxdscope: capturing on {parse.GetValue(iface)} ({session.Filter})");
                try
                {
                    await Task.Delay(parse.GetValue(duration) ?? Timeout.InfiniteTimeSpan, ct);
                }
                catch (OperationCanceledException)
                {
                    // SIGINT/SIGTERM: stop and report what was captured.
                }
            });
            if (captured is not (var report, var statistics))
            {
                return ExitCodes.Usage;
            }

            using var stdout = new StreamWriter(Console.OpenStandardOutput(), bufferSize: 1 << 16);
            return FanReportOutput.Write(stdout, statistics.Interface, report, statistics, fan.Json(parse), options);
        });
        return command;
    }
}
