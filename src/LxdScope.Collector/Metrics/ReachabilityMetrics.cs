using LxdScope.Collector.State;

namespace LxdScope.Collector.Metrics;

/// <summary>
/// What each member's agent found connecting to its peers: one series per pair whose value is the
/// state (a 50-member cluster has 2,500 pairs, so every series per pair counts), and the TCP
/// connect time where a connection was made. The TLS handshake time and the probe's error stay in
/// the cluster document (<c>/api/v1/clusters/{name}</c>).
/// </summary>
internal static class ReachabilityMetrics
{
    /// <summary>No TCP connection to the peer's cluster address.</summary>
    public const int Unreachable = 0;

    /// <summary>TCP connected, the TLS handshake failed or timed out (LXD not answering on a live host).</summary>
    public const int TlsFailed = 1;

    /// <summary>TLS handshake completed, the certificate not checked (the agent could not read cluster.crt, or is too old to say).</summary>
    public const int Unverified = 2;

    /// <summary>TLS handshake completed with the cluster certificate.</summary>
    public const int Verified = 3;

    public static IReadOnlyList<ClusterFamily> Families { get; } =
    [
        ClusterFamily.Gauge("lxdscope_reachability_state", "The member's connection to the peer's cluster address: 0 no TCP connection, 1 TCP but the TLS handshake failed, 2 TLS without checking the cluster certificate, 3 TLS with the cluster certificate. Reachable is >= 1.", ["cluster", "member", "peer"], static (c, w) =>
        {
            foreach (var e in c.Status.Reachability)
            {
                w.Sample(StateOf(e), c.Name, e.From, e.To);
            }
        }),
        ClusterFamily.Gauge("lxdscope_reachability_connect_seconds", "TCP connect time from the member to the peer; absent without a connection.", ["cluster", "member", "peer"], static (c, w) =>
        {
            foreach (var e in c.Status.Reachability)
            {
                if (e.TcpConnectSeconds is { } seconds)
                {
                    w.Sample(seconds, c.Name, e.From, e.To);
                }
            }
        }),
    ];

    public static int StateOf(ReachabilityEdge edge) => edge switch
    {
        { Reachable: false } => Unreachable,
        { TlsHandshakeSeconds: null } => TlsFailed,
        { CertificateVerified: true } => Verified,
        _ => Unverified,
    };
}
