namespace LxdScope.Lxd.Health;

/// <summary>One observer's attempt to reach a member's cluster address.</summary>
/// <param name="Observer">The member (or host) that tried.</param>
/// <param name="CertificateVerified">
/// False when the handshake completed but could not be checked against the cluster certificate
/// (reachable, not proven to be a member); true when checked; null when not known (TCP only).
/// </param>
public sealed record ReachabilityProbe(string Observer, string Address, bool Reachable, string? Error, bool? CertificateVerified = null);
