namespace LxdScope.Contracts;

/// <summary>One round of ICMP echoes from this member to the peer's fan bridge address.</summary>
/// <param name="PayloadBytes">Echo payload; a DF probe uses the fan MTU − 28 so its IPv4 packet is exactly the fan MTU.</param>
public sealed record FanProbe(string Target, int PayloadBytes, bool DontFragment, int Sent, int Replied, double? RttAvgSeconds, string? Error);
