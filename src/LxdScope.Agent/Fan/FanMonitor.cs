using System.Collections.Concurrent;
using LxdScope.Fan.Addressing;
using LxdScope.Fan.Analysis;
using LxdScope.Fan.Capture;
using LxdScope.Fan.Correlation;
using LxdScope.Fan.Mapping;
using LxdScope.Fan.Probing;

namespace LxdScope.Agent.Fan;

/// <summary>
/// The agent's long-running fan watch: a libpcap capture of the underlay feeding one analyzer, and a
/// prober pinging every peer's fan bridge. Each snapshot judges the traffic since the previous one (a
/// window of one agent interval), so a verdict clears once its fault is gone, while the counters add up
/// since the start. A probe round begins right after each snapshot, so its echoes (and their timeouts)
/// fall inside the window judged next. The fan source only takes snapshots.
/// </summary>
internal sealed class FanMonitor : IDisposable
{
    private readonly FanMonitorOptions _options;
    private readonly FanAnalyzerOptions _analyzerOptions;
    private readonly Dictionary<(Ipv4Address, Ipv4Address), PairStats> _totals = [];
    private readonly ConcurrentDictionary<Ipv4Address, FanProbeRound> _probes = new();
    private readonly SemaphoreSlim _roundRequested = new(0, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly TimeProvider _clock;
    private volatile Ipv4Address[] _peers = [];
    private FanLiveSession? _session;
    private Task? _prober;
    private DateTimeOffset _windowStart;
    private DateTimeOffset _lastRound = DateTimeOffset.MinValue;

    public FanMonitor(FanMonitorOptions options, TimeProvider? clock = null)
    {
        _options = options;
        _clock = clock ?? TimeProvider.System;
        Map = new FanMap(options.Overlay, options.Underlay, options.UnderlayMtu);
        _analyzerOptions = new FanAnalyzerOptions
        {
            Overlay = options.Overlay,
            Underlay = options.Underlay,
            UnderlayMtu = options.UnderlayMtu,
            Port = options.Port,
            Thresholds = options.Thresholds,
        };
    }

    public FanMap Map { get; }

    public FanMonitorOptions Options => _options;

    public bool Started => _session is not null;

    /// <summary>Opens the capture and starts the prober; throws <see cref="FanCaptureException"/> when the interface cannot be captured.</summary>
    public void Start()
    {
        if (_session is not null)
        {
            return;
        }

        _windowStart = _clock.GetUtcNow();
        _session = FanLiveSession.Start(_options.Interface, _analyzerOptions);
        _prober = Task.Run(() => ProbeLoopAsync(_stop.Token));
    }

    /// <summary>The other members' underlay addresses; the prober pings their fan bridges from the next round on.</summary>
    public void SetPeers(IEnumerable<Ipv4Address> peers) => _peers = peers.Distinct().ToArray();

    /// <summary>
    /// Judges the window since the previous snapshot, starts the next one, and asks for a probe
    /// round when one is due. Called by the one collection cycle, never concurrently: the totals
    /// and the window's start are its own.
    /// </summary>
    public FanWindow Snapshot()
    {
        var session = _session ?? throw new InvalidOperationException("the fan monitor has not started");
        var now = _clock.GetUtcNow();
        var report = session.FinishWindow(now.ToUnixTimeMilliseconds() * 1000);
        var start = _windowStart;
        _windowStart = now;
        foreach (var pair in report.Pairs)
        {
            if (!_totals.TryGetValue((pair.Low, pair.High), out var total))
            {
                total = new PairStats(pair.Low, pair.High);
                _totals.Add((pair.Low, pair.High), total);
            }

            total.Add(pair.Stats);
        }

        var window = new FanWindow(report, [.. _totals.Values], session.Statistics(), new Dictionary<Ipv4Address, FanProbeRound>(_probes), start, now);
        if (now - _lastRound >= _options.ProbeInterval - TimeSpan.FromMilliseconds(100))
        {
            _lastRound = now;
            // At most one round waits: a snapshot during a round does not queue a second one.
            if (_roundRequested.CurrentCount == 0)
            {
                _roundRequested.Release();
            }
        }

        return window;
    }

    private async Task ProbeLoopAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            await _roundRequested.WaitAsync(ct);
            var peers = _peers;
            var at = _clock.GetUtcNow();
            await Task.WhenAll(peers.Select(async peer =>
            {
                var probe = await FanProber.ProbeBridgeAsync(Map, peer, _options.ProbeCount, _options.MtuProbe, ct);
                _probes[peer] = new FanProbeRound(probe.Small, probe.Mtu, at);
            }));
            foreach (var gone in _probes.Keys.Except(peers))
            {
                _probes.TryRemove(gone, out _);
            }
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

        _session?.Dispose();
        _stop.Dispose();
        _roundRequested.Dispose();
    }
}
