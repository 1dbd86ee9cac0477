using System.CommandLine;
using System.Globalization;
using LxdScope.Cli.Output;
using LxdScope.Fan.Addressing;
using LxdScope.Fan.Analysis;
using LxdScope.Fan.Mapping;
using LxdScope.Fan.Probing;

namespace LxdScope.Cli.Commands;

/// <summary>
/// <c>lxdscope fan doctor -i IF --peers A,B</c>: on this member, capture the underlay while pinging each
/// peer's fan bridge (small echoes, then DF-set echoes at the fan MTU), and give one verdict per peer
/// from what crossed the wire. Run it on the member whose containers cannot reach the others.
/// </summary>
internal static class FanDoctorCommand
{
    public static Command Create()
    {
        var iface = new Option<string>("--interface", "-i") { Description = "This member's underlay interface.", Required = true };
        var peers = new Option<string>("--peers") { Description = "The other members' underlay addresses, comma-separated (e.g. 192.168.0.47,192.168.0.48).", Required = true };
        var count = new Option<int>("--count") { Description = "Echoes per probe.", DefaultValueFactory = _ => 3 };
        var noMtu = new Option<bool>("--no-mtu-probe") { Description = "Skip the DF-set probe at the fan MTU." };
        var fan = new FanOptions();
        var command = new Command("doctor", "Probe every peer's fan bridge while capturing the underlay; one verdict per peer with its evidence.")
        {
            iface, peers, count, noMtu,
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

            if (options.Underlay is not { } underlay)
            {
                Console.Error.WriteLine("lxdscope: fan doctor needs --underlay (LXD's fan.underlay_subnet) to know the peers' bridge addresses");
                return ExitCodes.Usage;
            }

            var peerList = new List<Ipv4Address>();
            foreach (var text in parse.GetValue(peers)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (!Ipv4Address.TryParse(text, out var peer) || !underlay.Contains(peer))
                {
                    Console.Error.WriteLine($"lxdscope: --peers: '{text}' is not an address in the underlay {underlay}");
                    return ExitCodes.Usage;
                }

                peerList.Add(peer);
            }

            if (parse.GetValue(count) is < 1 or > 100)
            {
                Console.Error.WriteLine("lxdscope: --count must be between 1 and 100");
                return ExitCodes.Usage;
            }

            return await RunAsync(parse.GetValue(iface)!, peerList, parse.GetValue(count), !parse.GetValue(noMtu), options, fan.Json(parse), ct);
        });
        return command;
    }

    private static async Task<int> RunAsync(string iface, List<Ipv4Address> peers, int count, bool mtuProbe, FanAnalyzerOptions options, bool json, CancellationToken ct)
    {
        var map = new FanMap(options.Overlay, options.Underlay!.Value, options.UnderlayMtu);
        var probes = new List<FanProbeJson>();
        var captured = await FanLiveRun.CaptureAsync(iface, options, null, async session =>
        {
            foreach (var peer in peers)
            {
                var probe = await FanProber.ProbeBridgeAsync(map, peer, count, mtuProbe, ct);
                probes.Add(Json(peer, probe.Small));
                if (probe.Mtu is { } mtu)
                {
                    probes.Add(Json(peer, mtu));
                }
            }

            // Past the echo timeout, so what got no answer is judged lost rather than in flight.
            await Task.Delay(FanProber.EchoTimeout * 2.2, ct);
        });
        if (captured is not (var report, var statistics))
        {
            return ExitCodes.Usage;
        }

        using var stdout = new StreamWriter(Console.OpenStandardOutput(), bufferSize: 1 << 16);
        var code = FanReportOutput.Write(stdout, statistics.Interface, report, statistics, json, options, probes);
        return code == ExitCodes.Ok && report.Pairs.Any(p => p.Verdict != Fan.Diagnosis.FanVerdict.Healthy) ? ExitCodes.Failed : code;
    }

    private static FanProbeJson Json(Ipv4Address peer, FanProbeResult r) => new(
        peer.ToString(), r.Target.ToString(), r.PayloadBytes, r.DontFragment, r.Sent, r.Replied,
        r.RttAvgSeconds is { } s ? Math.Round(s * 1000, 3) : null, r.Error);
}
