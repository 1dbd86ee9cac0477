using LxdScope.Fan.Addressing;
using LxdScope.Fan.Analysis;
using LxdScope.Fan.Decoding;
using LxdScope.Fan.Synthesis;

namespace LxdScope.Fan.Tests.Support;

/// <summary>
/// Writes fan conversations as real frames (through <see cref="FanFrameWriter"/>) into an analyzer:
/// host X is 192.168.0.X, its container 240.0.X.10, its bridge 240.0.X.1, VNI 15728640.
/// </summary>
internal sealed class FanTraffic
{
    public const uint Vni = 15728640;
    private readonly byte[] _buffer = new byte[2048];
    private FanPacket _packet;

    public FanTraffic(FanAnalyzerOptions? options = null)
    {
        Analyzer = new FanAnalyzer(options ?? new FanAnalyzerOptions { Underlay = Ipv4Subnet.Parse("192.168.0.0/16") });
    }

    public FanAnalyzer Analyzer { get; }

    public long Now { get; private set; } = 1_700_000_000_000_000;

    public List<byte[]> Frames { get; } = [];

    public static Ipv4Address Host(int x) => new(0xC0A8_0000u | (uint)x);

    public static Ipv4Address Container(int x) => new(0xF000_0000u | ((uint)x << 8) | 10);

    public static MacAddress Mac(int x) => new(0x02FA_0000_0000UL | (uint)x);

    public FanTraffic Advance(double milliseconds)
    {
        Now += (long)(milliseconds * 1000);
        return this;
    }

    private static FanFrameWriter.Outer Outer(int from, int to, uint vni) => new(Host(from), Host(to), 40000, 8472, vni);

    public FanTraffic ArpRequest(int from, int to, int? sentTo = null, uint vni = Vni) =>
        Feed(FanFrameWriter.ArpRequest(_buffer, Outer(from, sentTo ?? to, vni), Mac(from), Container(from), Container(to)));

    public FanTraffic ArpReply(int from, int to, int? sentTo = null, uint vni = Vni) =>
        Feed(FanFrameWriter.ArpReply(_buffer, Outer(from, sentTo ?? to, vni), Mac(from), Container(from), Mac(to), Container(to)));

    public FanTraffic EchoRequest(int from, int to, ushort seq, int size = 84, int? sentTo = null, uint vni = Vni) =>
        Feed(FanFrameWriter.Echo(_buffer, Outer(from, sentTo ?? to, vni), Mac(from), Mac(to), Container(from), Container(to), reply: false, id: 7, seq, size));

    public FanTraffic EchoReply(int from, int to, ushort seq, int size = 84, int? sentTo = null, uint vni = Vni) =>
        Feed(FanFrameWriter.Echo(_buffer, Outer(from, sentTo ?? to, vni), Mac(from), Mac(to), Container(from), Container(to), reply: true, id: 7, seq, size));

    /// <summary>ARP, then <paramref name="count"/> answered pings one second apart, from X to Y.</summary>
    public FanTraffic HealthyPings(int from, int to, int count = 3, int size = 84)
    {
        ArpRequest(from, to).Advance(0.05).ArpReply(to, from).Advance(0.01);
        for (ushort seq = 1; seq <= count; seq++)
        {
            EchoRequest(from, to, seq, size).Advance(0.3).EchoReply(to, from, seq, size).Advance(1000);
        }

        return this;
    }

    /// <summary>
    /// <paramref name="count"/> pings from X to Y, 100 ms apart, sequence 1 up; each one's fate as seen on the
    /// capture: <paramref name="missing"/> never reaches it, <paramref name="unanswered"/> gets no reply,
    /// <paramref name="duplicated"/> gets two. Ends past the echo timeout, so every ping is resolved.
    /// </summary>
    public FanTraffic Pings(
        int from, int to, int count,
        Func<int, bool>? missing = null, Func<int, bool>? unanswered = null, Func<int, bool>? duplicated = null, Func<int, double>? rttMs = null)
    {
        for (var seq = 1; seq <= count; seq++)
        {
            if (missing?.Invoke(seq) == true)
            {
                Advance(100);
                continue;
            }

            var rtt = rttMs?.Invoke(seq) ?? 0.3;
            EchoRequest(from, to, (ushort)seq).Advance(rtt);
            if (unanswered?.Invoke(seq) != true)
            {
                EchoReply(to, from, (ushort)seq);
                if (duplicated?.Invoke(seq) == true)
                {
                    EchoReply(to, from, (ushort)seq);
                }
            }

            Advance(100 - rtt);
        }

        return Advance(3000);
    }

    public FanTraffic FragmentationNeeded(int router, int to, ReadOnlySpan<byte> originalIp, ushort mtu)
    {
        var bridge = new Ipv4Address(0xF000_0000u | ((uint)router << 8) | 1);
        return Feed(FanFrameWriter.FragmentationNeeded(_buffer, Outer(router, to, Vni), Mac(router), Mac(to), bridge, originalIp, mtu));
    }

    public FanTraffic Feed(int length)
    {
        var frame = _buffer[..length];
        Frames.Add(frame);
        Analyzer.Observe(LinkType.Ethernet, frame, Now, ref _packet);
        return this;
    }

    /// <summary>Judges at the traffic clock, so Advance() before Finish() lets the last requests time out.</summary>
    public FanReport Finish() => Analyzer.Finish(Now);
}
