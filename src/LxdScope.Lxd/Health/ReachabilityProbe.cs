namespace LxdScope.Lxd.Health;

/// <summary>One observer's attempt to reach a member's cluster address.</summary>
/// <param name="Observer">The member (or host) that tried.</param>
public sealed record ReachabilityProbe(string Observer, string Address, bool Reachable, string? Error);
