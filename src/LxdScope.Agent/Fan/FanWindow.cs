using LxdScope.Fan.Addressing;
using LxdScope.Fan.Analysis;
using LxdScope.Fan.Capture;
using LxdScope.Fan.Correlation;

namespace LxdScope.Agent.Fan;

/// <summary>
/// One snapshot of the fan monitor: the traffic of the window from <paramref name="Start"/> to
/// <paramref name="End"/> judged (<paramref name="Report"/>), every pair's counts since the monitor
/// started (<paramref name="Totals"/>), the capture's counters and the latest probe round per peer.
/// </summary>
internal sealed record FanWindow(
    FanReport Report,
    IReadOnlyList<PairStats> Totals,
    CaptureStatistics Statistics,
    IReadOnlyDictionary<Ipv4Address, FanProbeRound> Probes,
    DateTimeOffset Start,
    DateTimeOffset End);
