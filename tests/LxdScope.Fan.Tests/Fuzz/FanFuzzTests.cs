using LxdScope.Fan.Addressing;
using LxdScope.Fan.Analysis;
using LxdScope.Fan.Capture;
using LxdScope.Fan.Correlation;
using LxdScope.Fan.Decoding;
using LxdScope.Fan.Tests.Fixtures;
using LxdScope.Fan.Tests.Support;

namespace LxdScope.Fan.Tests.Fuzz;

/// <summary>
/// A million mutated frames through decoder, correlator, verdicts and trace formatting: nothing may
/// throw, every frame must be counted, and the tables must stay within their limits.
/// Seeds: the real frames of the notes capture plus generated ARP, echo and fragmentation-needed frames.
/// </summary>
public sealed class FanFuzzTests
{
    private const int Iterations = 1_000_000;

    private static List<byte[]> Corpus()
    {
        var corpus = new List<byte[]> { NotesTrace.ArpRequest, NotesTrace.ArpReply, NotesTrace.EchoRequest, NotesTrace.EchoReply };
        FanCaptureFile.ForEach(NotesTrace.PcapPath, (_, frame, _) => corpus.Add(frame.ToArray()));
        var traffic = new FanTraffic().HealthyPings(1, 2, 2).HealthyPings(2, 3, 1, size: 1500).EchoRequest(1, 3, 9, sentTo: 2);
        var original = traffic.Frames[^1].AsSpan(64).ToArray();
        traffic.FragmentationNeeded(3, 1, original, 1400);
        corpus.AddRange(traffic.Frames);
        return corpus;
    }

    [Fact]
    public void A_million_mutated_frames_never_throw_and_stay_bounded()
    {
        var random = new Random(8472);
        var corpus = Corpus();
        var limits = new CorrelatorLimits { MaxPendingArp = 512, MaxPendingEcho = 1024, MaxUnderlayPairs = 256, MaxOverlayPairs = 512 };
        var analyzer = new FanAnalyzer(new FanAnalyzerOptions { Underlay = Ipv4Subnet.Parse("192.168.0.0/16"), Limits = limits });
        var buffer = new byte[4096];
        var packet = default(FanPacket);
        var time = 1_700_000_000_000_000L;
        var linkTypes = new[] { LinkType.Ethernet, LinkType.Ethernet, LinkType.Ethernet, LinkType.LinuxCooked, LinkType.Raw, (LinkType)0 };
        long formatted = 0;

        for (var i = 0; i < Iterations; i++)
        {
            var seed = corpus[random.Next(corpus.Count)];
            var length = Mutate(seed, buffer, random);
            time += random.Next(100) == 0 ? -random.Next(5_000_000) : random.Next(20_000);
            var linkType = random.Next(50) == 0 ? linkTypes[random.Next(linkTypes.Length)] : LinkType.Ethernet;
            analyzer.Observe(linkType, buffer.AsSpan(0, length), time, ref packet);
            if (i % 1000 == 0)
            {
                formatted += FanTraceFormatter.Format(packet).Length;
            }
        }

        var correlator = analyzer.Correlator!;
        Assert.InRange(correlator.PendingArpCount, 0, limits.MaxPendingArp);
        Assert.InRange(correlator.PendingEchoCount, 0, limits.MaxPendingEcho);
        Assert.InRange(correlator.UnderlayPairs.Count, 1, limits.MaxUnderlayPairs);
        Assert.InRange(correlator.OverlayPairs.Count, 0, limits.MaxOverlayPairs);

        var report = analyzer.Finish();

        Assert.Equal(Iterations, report.Decode.Total);
        Assert.True(report.Decode.Vxlan > Iterations / 4, $"only {report.Decode.Vxlan} frames stayed VXLAN: the mutations are too blunt to reach the inner layers");
        Assert.True(report.Decode.NonZero().Count() >= 12, "the mutations should reach most decode outcomes");
        Assert.True(report.Evicted.Total > 0, "the small tables should have overflowed");
        Assert.NotEmpty(report.Pairs);
        Assert.True(formatted > 0);
        Assert.InRange(GC.GetTotalMemory(forceFullCollection: true), 0, 200L << 20);
    }

    /// <summary>Byte flips, cuts, growth, and targeted hits on the length, port, flag and type fields.</summary>
    private static int Mutate(byte[] seed, byte[] buffer, Random random)
    {
        seed.CopyTo(buffer, 0);
        var length = seed.Length;
        switch (random.Next(8))
        {
            case 0:
                length = random.Next(length + 1);
                break;
            case 1:
                var extra = random.Next(64);
                random.NextBytes(buffer.AsSpan(length, extra));
                length += extra;
                break;
            case 2:
                // Length, flag and type fields: outer IP total/IHL, UDP length, VXLAN flags, inner ethertype, inner IHL/total, ICMP type.
                ReadOnlySpan<int> fields = [14, 16, 17, 20, 38, 39, 42, 62, 63, 64, 66, 67, 73, 84];
                var at = fields[random.Next(fields.Length)];
                if (at < length)
                {
                    buffer[at] = (byte)random.Next(256);
                }

                break;
            case 3:
                // Addresses and ICMP ids: new pairs and keys to fill the tables.
                ReadOnlySpan<int> keys = [29, 33, 79, 83, 88, 89, 91];
                var key = keys[random.Next(keys.Length)];
                if (key < length)
                {
                    buffer[key] = (byte)random.Next(256);
                }

                break;
            default:
                var flips = 1 + random.Next(4);
                for (var f = 0; f < flips && length > 0; f++)
                {
                    buffer[random.Next(length)] ^= (byte)(1 << random.Next(8));
                }

                break;
        }

        return length;
    }
}
