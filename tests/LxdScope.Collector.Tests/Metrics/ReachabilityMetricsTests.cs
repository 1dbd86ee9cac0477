using LxdScope.Collector.Metrics;
using LxdScope.Collector.State;

namespace LxdScope.Collector.Tests.Metrics;

public sealed class ReachabilityMetricsTests
{
    [Fact]
    public void Each_probe_outcome_has_its_own_state_and_reachable_is_one_or_more()
    {
        var refused = new ReachabilityEdge("node1", "node2", false, null, null, "TCP connect: connection refused");
        var tlsFailed = new ReachabilityEdge("node1", "node2", true, 0.0002, null, "TLS handshake: no answer within 1000 ms");
        var unverified = new ReachabilityEdge("node1", "node2", true, 0.0002, 0.002, null, CertificateVerified: false);
        var olderAgent = new ReachabilityEdge("node1", "node2", true, 0.0002, 0.002, null);
        var verified = new ReachabilityEdge("node1", "node2", true, 0.0002, 0.002, null, CertificateVerified: true);

        Assert.Equal(
            [0, 1, 2, 2, 3],
            new[] { refused, tlsFailed, unverified, olderAgent, verified }.Select(ReachabilityMetrics.StateOf));
        Assert.Equal(
            [ReachabilityMetrics.Unreachable, ReachabilityMetrics.TlsFailed, ReachabilityMetrics.Unverified, ReachabilityMetrics.Verified],
            [0, 1, 2, 3]);
    }
}
