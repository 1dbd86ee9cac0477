namespace LxdScope.Lxd.Network;

public sealed record ProbeResult(string Address, bool Reachable, TimeSpan? ConnectTime, string? Error);
