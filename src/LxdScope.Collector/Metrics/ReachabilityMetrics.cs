using LxdScope.Collector.State;

namespace LxdScope.Collector.Metrics;

/// <summary>What each member's agent found connecting to its peers.</summary>
internal sealed class ReachabilityMetrics(SeriesSets series)
{
    private readonly SeriesSet reachable = series.Gauge("lxdscope_reachability_up", "1 when the member's agent could connect to the peer's cluster address.", "cluster", "member", "peer");
    private readonly SeriesSet connectSeconds = series.Gauge("lxdscope_reachability_connect_seconds", "TCP connect time from the member to the peer.", "cluster", "member", "peer");
    private readonly SeriesSet tlsSeconds = series.Gauge("lxdscope_reachability_tls_handshake_seconds", "TLS handshake time from the member to the peer.", "cluster", "member", "peer");
    private readonly SeriesSet certificateVerified = series.Gauge("lxdscope_reachability_certificate_verified", "1 when the peer presented the cluster certificate; 0 when the handshake completed unverified (the agent could not read cluster.crt); absent without a handshake.", "cluster", "member", "peer");

    public void Update(ClusterStatus status)
    {
        var c = status.Name;
        foreach (var e in status.Reachability)
        {
            reachable.Set(e.Reachable ? 1 : 0, c, e.From, e.To);
            connectSeconds.SetIf(e.TcpConnectSeconds, c, e.From, e.To);
            tlsSeconds.SetIf(e.TlsHandshakeSeconds, c, e.From, e.To);
            certificateVerified.SetIf(e.CertificateVerified is { } verified ? (verified ? 1 : 0) : null, c, e.From, e.To);
        }
    }
}
