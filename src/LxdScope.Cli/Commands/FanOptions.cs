using System.CommandLine;
using LxdScope.Fan.Addressing;
using LxdScope.Fan.Analysis;
using LxdScope.Fan.Decoding;
using LxdScope.Fan.Diagnosis;
using LxdScope.Fan.Mapping;

namespace LxdScope.Cli.Commands;

/// <summary>The options every <c>fan</c> subcommand shares: which fan to judge against, which port is VXLAN, the output format.</summary>
internal sealed class FanOptions
{
    public Option<string> Overlay { get; } = new("--overlay")
    {
        Description = "fan.overlay_subnet of the LXD network.",
        DefaultValueFactory = _ => FanMap.DefaultOverlay.ToString(),
    };

    public Option<string?> Underlay { get; } = new("--underlay") { Description = "fan.underlay_subnet (default: the /16 of the first VTEP seen)." };

    public Option<int> UnderlayMtu { get; } = new("--underlay-mtu")
    {
        Description = "MTU of the underlay interface; the fan MTU is 50 less.",
        DefaultValueFactory = _ => 1500,
    };

    public Option<int> Port { get; } = new("--port")
    {
        Description = "UDP port of the fan's VXLAN (the kernel default 8472); 4789 is decoded as VXLAN as well.",
        DefaultValueFactory = _ => FanPacketDecoder.FanPort,
    };

    public Option<double> LossThreshold { get; } = new("--loss-threshold")
    {
        Description = "Percent of echoes lost (or ARP requests unanswered, replies duplicated) from which a pair is degraded, not healthy; at least 2 packets.",
        DefaultValueFactory = _ => new FanThresholds().LossRate * 100,
    };

    public Option<string> Format { get; } = CreateFormat();

    public IEnumerable<Option> All => [Overlay, Underlay, UnderlayMtu, Port, LossThreshold, Format];

    public bool Json(ParseResult parse) => parse.GetValue(Format) == "json";

    /// <summary>The analyzer options, or null with the reason on stderr.</summary>
    public FanAnalyzerOptions? Parse(ParseResult parse)
    {
        try
        {
            var overlay = Ipv4Subnet.Parse(parse.GetValue(Overlay)!);
            var underlay = parse.GetValue(Underlay) is { } text ? Ipv4Subnet.Parse(text) : (Ipv4Subnet?)null;
            var port = parse.GetValue(Port);
            if (port is < 1 or > 65535)
            {
                throw new ArgumentException($"--port {port} is not a UDP port");
            }

            var mtu = parse.GetValue(UnderlayMtu);
            var thresholds = new FanThresholds { LossRate = parse.GetValue(LossThreshold) / 100 };
            if (thresholds.Problem() is { } problem)
            {
                throw new ArgumentException($"--loss-threshold: {problem}");
            }

            // Validates the sizes now rather than at the first packet; an inferred underlay is always a /16.
            _ = new FanMap(overlay, underlay ?? Ipv4Subnet.Parse("192.168.0.0/16"), mtu);
            return new FanAnalyzerOptions { Overlay = overlay, Underlay = underlay, UnderlayMtu = mtu, Port = (ushort)port, Thresholds = thresholds };
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            Console.Error.WriteLine($"lxdscope: {e.Message}");
            return null;
        }
    }

    private static Option<string> CreateFormat()
    {
        var format = new Option<string>("--format")
        {
            Description = "table (default) or json.",
            DefaultValueFactory = _ => "table",
        };
        format.AcceptOnlyFromAmong("table", "json");
        return format;
    }
}
