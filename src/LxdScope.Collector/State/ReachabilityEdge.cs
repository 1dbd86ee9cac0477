namespace LxdScope.Collector.State;

/// <summary>One cell of the member×member matrix: from the member whose agent probed, to a peer.</summary>
/// <param name="CertificateVerified">See <see cref="Contracts.PeerProbe.CertificateVerified"/>: false is reachable but unverified.</param>
public sealed record ReachabilityEdge(
    string From, string To, bool Reachable, double? TcpConnectSeconds, double? TlsHandshakeSeconds, string? Error, bool? CertificateVerified = null);
