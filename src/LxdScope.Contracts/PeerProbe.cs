namespace LxdScope.Contracts;

/// <param name="Member">The peer's name, when known.</param>
/// <param name="TcpConnectSeconds">Time to establish the TCP connection.</param>
/// <param name="TlsHandshakeSeconds">Time for the TLS handshake after it (LXD always speaks TLS there).</param>
/// <param name="CertificateVerified">
/// True when the peer presented the cluster certificate; false when the handshake completed but
/// could not be checked against it (the agent could not read cluster.crt) — reachable, but not
/// proven to be a member; null when no handshake completed (or an agent too old to say).
/// </param>
public sealed record PeerProbe(
    string? Member,
    string Address,
    bool Reachable,
    double? TcpConnectSeconds,
    double? TlsHandshakeSeconds,
    string? Error,
    bool? CertificateVerified = null);
