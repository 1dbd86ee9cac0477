using LxdScope.Fan.Addressing;
using LxdScope.Fan.Correlation;
using LxdScope.Fan.Decoding;
using LxdScope.Fan.Diagnosis;
using LxdScope.Fan.Mapping;

namespace LxdScope.Fan.Analysis;

/// <summary>Decoder, counters and correlator in one pipeline: frames in, a <see cref="FanReport"/> out.</summary>
public sealed class FanAnalyzer
{
    private readonly FanAnalyzerOptions _options;
    private readonly FanPacketDecoder _decoder;
    private readonly EvictionCounters _noEvictions = new();

    public FanAnalyzer(FanAnalyzerOptions? options = null)
    {
        _options = options ?? new FanAnalyzerOptions();
        _decoder = new FanPacketDecoder(_options.Port, _options.AlternatePort);
        if (_options.Underlay is { } underlay)
        {
            Correlator = new FanCorrelator(new FanMap(_options.Overlay, underlay, _options.UnderlayMtu), _options.Limits);
        }
    }

    public DecodeCounters Decode { get; } = new();

    /// <summary>Null until the fan map is known (given, or inferred from the first VXLAN packet).</summary>
    public FanCorrelator? Correlator { get; private set; }

    /// <summary>Decodes one frame into <paramref name="packet"/> (reused by the caller) and feeds it to the correlator.</summary>
    public DecodeStatus Observe(LinkType linkType, ReadOnlySpan<byte> frame, long timestampMicros, ref FanPacket packet)
    {
        var status = DecodeFrame(linkType, frame, timestampMicros, ref packet);
        Correlate(packet);
        return status;
    }

    /// <summary>
    /// The first half of <see cref="Observe"/>: decodes and counts the frame. With <see cref="Correlate"/>
    /// it may run on another thread, one thread each, as long as the packets reach it in capture order.
    /// </summary>
    public DecodeStatus DecodeFrame(LinkType linkType, ReadOnlySpan<byte> frame, long timestampMicros, ref FanPacket packet)
    {
        var status = _decoder.Decode(linkType, frame, ref packet);
        packet.TimestampMicros = timestampMicros;
        Decode.Count(status);
        return status;
    }

    /// <summary>The second half of <see cref="Observe"/>: feeds a decoded packet to the correlator.</summary>
    public void Correlate(in FanPacket packet)
    {
        if (!packet.IsVxlan)
        {
            return;
        }

        Correlator ??= new FanCorrelator(
            new FanMap(_options.Overlay, new Ipv4Subnet(new Ipv4Address(packet.Outer.Source.Value & 0xFFFF0000), 16), _options.UnderlayMtu),
            _options.Limits);
        Correlator.Observe(packet);
    }

    /// <summary>Expires what timed out (by capture time, or by <paramref name="nowMicros"/> for live capture) and judges every pair.</summary>
    public FanReport Finish(long? nowMicros = null)
    {
        if (Correlator is not { } correlator)
        {
            return new FanReport(null, _options.Underlay is null, null, [], [], Decode, _noEvictions, 0, 0, 0, 0, 0);
        }

        if (nowMicros is { } now)
        {
            correlator.Finish(now);
        }
        else
        {
            correlator.Finish();
        }

        return Snapshot(correlator);
    }

    /// <summary>
    /// Judges the traffic since the previous window (expiring by <paramref name="nowMicros"/>), then starts
    /// the next window; what is still pending carries over. Decode and eviction counters keep running.
    /// </summary>
    public FanReport FinishWindow(long nowMicros)
    {
        var report = Finish(nowMicros);
        Correlator?.StartWindow();
        return report;
    }

    private FanReport Snapshot(FanCorrelator correlator)
    {
        var pairs = correlator.UnderlayPairs.OrderBy(p => p.Low.Value).ThenBy(p => p.High.Value).ToList();
        var local = LocalVtep(pairs);
        return new FanReport(
            correlator.Map,
            _options.Underlay is null,
            local,
            pairs.Select(p => FanDiagnoser.Diagnose(p, correlator.Map, local, _options.Thresholds)).ToList(),
            correlator.OverlayPairs.OrderBy(p => p.Low.Value).ThenBy(p => p.High.Value).ToList(),
            Decode,
            correlator.Evicted,
            correlator.UnmatchedArpReplies,
            correlator.UnmatchedEchoReplies,
            correlator.InFlightAtEnd,
            correlator.FirstMicros,
            correlator.NowMicros);
    }

    /// <summary>The VTEP that is one end of every pair: the host the capture was taken on. Unknown with a single pair.</summary>
    public static Ipv4Address? LocalVtep(IReadOnlyList<PairStats> pairs)
    {
        if (pairs.Count < 2)
        {
            return null;
        }

        foreach (var candidate in new[] { pairs[0].Low, pairs[0].High })
        {
            if (pairs.All(p => p.Low == candidate || p.High == candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
