using System.Collections.Concurrent;
using LxdScope.Fan.Addressing;
using LxdScope.Fan.Analysis;
using LxdScope.Fan.Capture;
using LxdScope.Fan.Decoding;
using LxdScope.Fan.Mapping;
using LxdScope.Fan.Probing;

namespace LxdScope.Agent.Fan;

/// <summary>
/// The agent's long-running fan watch: a libpcap capture of the underlay feeding one analyzer, and a
/// prober pinging every peer's fan bridge each interval. The fan collector only takes snapshots.
/// </summary>
public sealed class FanMonitor : IDisposable
{
    private readonly FanMonitorOptions _options;
    private readonly FanAnalyzer _analyzer;
    private readonly object _gate = new();
    private readonly ConcurrentDictionary<Ipv4Address, (FanProbeResult Small, FanProbeResult? Mtu)> _probes = new();
    private readonly CancellationTokenSource _stop = new();
    private volatile Ipv4Address[] _peers = [];
    private FanLiveCapture? _capture;
    private Task? _prober;
    private FanPacket _packet;

    public FanMonitor(FanMonitorOptions options)
    {
        _options = options;
        Map = new FanMap(options.Overlay, options.Underlay, options.UnderlayMtu);
        _analyzer = new FanAnalyzer(new FanAnalyzerOptions
        {
            Overlay = options.Overlay,
            Underlay = options.Underlay,
            UnderlayMtu = options.UnderlayMtu,
            Port = options.Port,
            Thresholds = options.Thresholds,
        });
    }

    public FanMap Map { get; }

    public FanMonitorOptions Options => _options;

    public bool Started => _capture is not null;

    /// <summary>Opens the capture and starts the prober; throws <see cref="FanCaptureException"/> when the interface cannot be captured.</summary>
    public void Start()
    {
        if (_capture is not null)
        {
            return;
        }

        _capture = FanLiveCapture.Start(_options.Interface, FanLiveCapture.Filter(_options.Port, FanPacketDecoder.IanaPort), OnFrame);
        _prober = Task.Run(() => ProbeLoopAsync(_stop.Token));
    }

    /// <summary>The other members' underlay addresses; the prober pings their fan bridges from the next round on.</summary>
    public void SetPeers(IEnumerable<Ipv4Address> peers) => _peers = peers.Distinct().ToArray();

    public (FanReport Report, CaptureStatistics Statistics, IReadOnlyDictionary<Ipv4Address, (FanProbeResult Small, FanProbeResult? Mtu)> Probes) Snapshot()
    {
        var capture = _capture ?? throw new InvalidOperationException("the fan monitor has not started");
        FanReport report;
        lock (_gate)
        {
            report = _analyzer.Finish(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1000);
        }

        return (report, capture.Statistics(), new Dictionary<Ipv4Address, (FanProbeResult, FanProbeResult?)>(_probes));
    }

    private void OnFrame(LinkType linkType, ReadOnlySpan<byte> frame, long timestampMicros)
    {
        lock (_gate)
        {
            _analyzer.Observe(linkType, frame, timestampMicros, ref _packet);
        }
    }

    private async Task ProbeLoopAsync(CancellationToken ct)
    {
        var timeout = TimeSpan.FromSeconds(1);
        var spacing = TimeSpan.FromMilliseconds(200);
        while (!ct.IsCancellationRequested)
        {
            var peers = _peers;
            await Task.WhenAll(peers.Select(async peer =>
            {
                var bridge = Map.BridgeAddress(peer);
                var small = await FanProber.ProbeAsync(bridge, _options.ProbeCount, FanProber.DefaultPayload, false, timeout, spacing, ct);
                var mtu = _options.MtuProbe
                    ? await FanProber.ProbeAsync(bridge, _options.ProbeCount, Map.FanMtu - FanProber.IcmpOverhead, true, timeout, spacing, ct)
                    : null;
                _probes[peer] = (small, mtu);
            }));
            foreach (var gone in _probes.Keys.Except(peers))
            {
                _probes.TryRemove(gone, out _);
            }

            await Task.Delay(_options.ProbeInterval, ct);
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        try
        {
            _prober?.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // Cancelled: the loop's only way out.
        }

        _capture?.Dispose();
        _stop.Dispose();
    }
}
