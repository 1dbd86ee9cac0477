using LxdScope.Fan.Analysis;
using LxdScope.Fan.Decoding;

namespace LxdScope.Fan.Capture;

/// <summary>
/// A live capture of the fan's VXLAN ports feeding one analyzer: what <c>fan capture</c>,
/// <c>fan doctor</c> and the agent's fan watch each run. Frames arrive on libpcap's thread and
/// reports are taken on the caller's, so the analyzer is only touched under one lock.
/// </summary>
public sealed class FanLiveSession : IDisposable
{
    private readonly FanAnalyzer _analyzer;
    private readonly Lock _gate = new();
    private FanLiveCapture? _capture;
    private FanPacket _packet;

    private FanLiveSession(FanAnalyzerOptions options)
    {
        _analyzer = new FanAnalyzer(options);
        Filter = FanLiveCapture.Filter(options.Port, options.AlternatePort);
    }

    /// <summary>The BPF filter the capture runs with (the fan's VXLAN ports).</summary>
    public string Filter { get; }

    /// <summary>Opens <paramref name="interfaceName"/> and starts feeding the analyzer; every frame also goes to <paramref name="writePath"/> when given.</summary>
    /// <exception cref="FanCaptureException">No such interface, no permission, or libpcap missing.</exception>
    public static FanLiveSession Start(string interfaceName, FanAnalyzerOptions options, string? writePath = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var session = new FanLiveSession(options);
        session._capture = FanLiveCapture.Start(interfaceName, session.Filter, session.OnFrame, writePath);
        return session;
    }

    /// <summary>Judges everything captured since the start.</summary>
    public FanReport Finish(long nowMicros)
    {
        lock (_gate)
        {
            return _analyzer.Finish(nowMicros);
        }
    }

    /// <summary>Judges the traffic since the previous window and starts the next.</summary>
    public FanReport FinishWindow(long nowMicros)
    {
        lock (_gate)
        {
            return _analyzer.FinishWindow(nowMicros);
        }
    }

    /// <summary>libpcap's counters so far.</summary>
    public CaptureStatistics Statistics() => Capture.Statistics();

    /// <summary>Stops capturing; the analyzer keeps what it saw.</summary>
    public CaptureStatistics Stop() => Capture.Stop();

    private FanLiveCapture Capture => _capture ?? throw new InvalidOperationException("the capture has not started");

    private void OnFrame(LinkType linkType, ReadOnlySpan<byte> frame, long timestampMicros)
    {
        lock (_gate)
        {
            _analyzer.Observe(linkType, frame, timestampMicros, ref _packet);
        }
    }

    public void Dispose() => _capture?.Dispose();
}
