namespace LxdScope.Fan.Probing;

/// <summary>One peer's fan bridge probed: small echoes, and DF-set echoes at the fan MTU unless those were not asked for.</summary>
public sealed record FanBridgeProbe(FanProbeResult Small, FanProbeResult? Mtu);
