namespace LxdScope.Contracts;

/// <param name="Member">The peer's name, when known.</param>
/// <param name="TcpConnectSeconds">Time to establish the TCP connection.</param>
/// <param name="TlsHandshakeSeconds">Time for the TLS handshake after it (LXD always speaks TLS there).</param>
public sealed record PeerProbe(
    string? Member,
    string Address,
    bool Reachable,
    double? TcpConnectSeconds,
    double? TlsHandshakeSeconds,
    string? Error);
