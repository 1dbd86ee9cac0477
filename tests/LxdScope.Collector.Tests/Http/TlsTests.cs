using System.Net;
using System.Security.Cryptography.X509Certificates;
using LxdScope.Collector.Tests.Support;

namespace LxdScope.Collector.Tests.Http;

/// <summary>HTTPS and agent client certificates, over real TLS handshakes with Kestrel on loopback.</summary>
public sealed class TlsTests
{
    [Fact]
    public async Task Https_serves_reports_and_pages_with_the_configured_certificate()
    {
        await using var collector = await HttpsCollector.StartAsync();
        using var trusting = collector.AgentClient(collector.CaPath);

        await Responses.AssertOk(await HttpsCollector.PushAsync(trusting, Reports.Valid()));
        var page = await trusting.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(SecurityHeaders.StrictTransportSecurity, page.Headers.GetValues("Strict-Transport-Security").Single());
        Assert.Equal("https", collector.Address.Scheme);

        // Validation is narrowed to the named CA, never off: the system store alone, or another CA, refuse the collector.
        using var system = collector.AgentClient(caFile: null);
        await Assert.ThrowsAsync<HttpRequestException>(() => system.GetAsync("/healthz"));
        using var otherCa = TestCertificates.Authority("someone else");
        var (otherCaPath, _) = TestCertificates.WritePem(otherCa, collector.Directory, "other-ca");
        using var other = collector.AgentClient(otherCaPath);
        await Assert.ThrowsAsync<HttpRequestException>(() => other.GetAsync("/healthz"));
    }

    [Fact]
    public async Task Required_client_certificates_map_to_one_cluster()
    {
        using var pinned = TestCertificates.Client("pinned-agent");
        using var pinnedBeta = TestCertificates.Client("beta-agent");
        using var agentCa = TestCertificates.Authority("agents CA");
        using var node1 = TestCertificates.Client("node1", agentCa);
        using var node2 = TestCertificates.Client("node2", agentCa);
        using var stranger = TestCertificates.Client("node1");
        var directory = new TempDirectory();
        var (agentCaPath, _) = TestCertificates.WritePem(agentCa, directory, "agents-ca");
        await using var collector = await HttpsCollector.StartAsync(
            $$"""
            "AgentCertificates": { "Mode": "Required", "Trusted": [
              { "Cluster": "alpha", "Sha256": "{{TestCertificates.Sha256(pinned)}}" },
              { "Cluster": "alpha", "IssuerFile": {{HttpsCollector.Json(agentCaPath)}}, "Subject": "node1" },
              { "Cluster": "beta", "Sha256": "{{ColonSeparated(TestCertificates.Sha256(pinnedBeta))}}" } ] }
            """,
            directory: directory);

        Assert.Equal(HttpStatusCode.OK, await Push(collector, pinned, Reports.Valid(sequence: 1)));
        Assert.Equal(HttpStatusCode.OK, await Push(collector, node1, Reports.Valid(sequence: 2)));
        Assert.Equal(HttpStatusCode.OK, await Push(collector, pinnedBeta, Reports.Valid(agentId: "b", cluster: "beta"), TestCollector.OtherToken));

        // Issued by the agents' CA but for a name not configured; a self-signed look-alike of node1; none at all.
        Assert.Equal(HttpStatusCode.Unauthorized, await Push(collector, node2, Reports.Valid(sequence: 3)));
        Assert.Equal(HttpStatusCode.Unauthorized, await Push(collector, stranger, Reports.Valid(sequence: 4)));
        Assert.Equal(HttpStatusCode.Unauthorized, await Push(collector, null, Reports.Valid(sequence: 5)));

        // Another cluster's certificate: refused for alpha, with alpha's token or with its own.
        Assert.Equal(HttpStatusCode.Forbidden, await Push(collector, pinnedBeta, Reports.Valid(sequence: 6)));
        Assert.Equal(HttpStatusCode.Forbidden, await Push(collector, pinnedBeta, Reports.Valid(sequence: 7), TestCollector.OtherToken));

        // The console and status pages stay reachable without a certificate.
        using var browser = collector.AgentClient(collector.CaPath);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/v1/clusters")).StatusCode);
    }

    [Fact]
    public async Task Accepted_client_certificates_stand_in_for_a_token()
    {
        using var pinned = TestCertificates.Client("pinned-agent");
        await using var collector = await HttpsCollector.StartAsync(
            $$"""
            "AgentCertificates": { "Mode": "Accepted", "Trusted": [ { "Cluster": "alpha", "Sha256": "{{TestCertificates.Sha256(pinned)}}" } ] }
            """);

        Assert.Equal(HttpStatusCode.OK, await Push(collector, pinned, Reports.Valid(sequence: 1), token: null));
        Assert.Equal(HttpStatusCode.OK, await Push(collector, null, Reports.Valid(sequence: 2)));
        Assert.Equal(HttpStatusCode.Unauthorized, await Push(collector, null, Reports.Valid(sequence: 3), token: null));
        Assert.Equal(HttpStatusCode.Forbidden, await Push(collector, pinned, Reports.Valid(sequence: 4), TestCollector.OtherToken));
    }

    private static async Task<HttpStatusCode> Push(HttpsCollector collector, X509Certificate2? certificate, Contracts.AgentReport report, string? token = TestCollector.Token)
    {
        using var client = collector.AgentClient(collector.CaPath, certificate);
        using var response = await HttpsCollector.PushAsync(client, report, token);
        return response.StatusCode;
    }

    private static string ColonSeparated(string hex) => string.Join(':', hex.Chunk(2).Select(c => new string(c)));
}
