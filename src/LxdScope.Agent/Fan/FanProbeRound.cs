using LxdScope.Fan.Probing;

namespace LxdScope.Agent.Fan;

/// <summary>The latest probes of one peer's fan bridge: small echoes, DF echoes at the fan MTU (unless switched off), and when the round began.</summary>
internal sealed record FanProbeRound(FanProbeResult Small, FanProbeResult? Mtu, DateTimeOffset At);
