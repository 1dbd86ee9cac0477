using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using LxdScope.Agent.Sources;
using LxdScope.Contracts;
using LxdScope.Lxd;
using LxdScope.Lxd.Api;

namespace LxdScope.Agent.Tests.Sources;

/// <summary>
/// Probes of real TLS listeners on loopback standing in for members: verified only when the
/// peer presents the cluster certificate the agent read; an unreadable cluster.crt gives
/// "reachable, unverified" — never "verified".
/// </summary>
public sealed class ReachabilitySourceTests : IDisposable
{
    private readonly DirectoryInfo root = Directory.CreateTempSubdirectory("lxdscope-reach-");
    private readonly X509Certificate2 cluster = SelfSigned("lxd-cluster");
    private readonly X509Certificate2 stranger = SelfSigned("somebody-else");

    public void Dispose()
    {
        cluster.Dispose();
        stranger.Dispose();
        root.Delete(recursive: true);
    }

    [Fact]
    public async Task A_peer_presenting_the_cluster_certificate_is_verified()
    {
        WriteClusterCertificate();
        await using var member = TlsListener.Start(cluster);

        var section = await Probe(member.Address);

        var peer = Assert.Single(section.Peers);
        Assert.True(peer.Reachable);
        Assert.True(peer.CertificateVerified);
        Assert.NotNull(peer.TlsHandshakeSeconds);
        Assert.Null(peer.Error);
        Assert.Null(section.CertificateProblem);
    }

    [Fact]
    public async Task A_peer_presenting_another_certificate_fails_the_handshake()
    {
        WriteClusterCertificate();
        await using var member = TlsListener.Start(stranger);

        var peer = Assert.Single((await Probe(member.Address)).Peers);

        Assert.True(peer.Reachable);
        Assert.NotEqual(true, peer.CertificateVerified);
        Assert.StartsWith("TLS handshake:", peer.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("missing")]
    [InlineData("garbage")]
    [InlineData("unreadable")]
    public async Task Without_a_readable_cluster_certificate_a_peer_is_reachable_but_unverified(string how)
    {
        var path = Path.Combine(root.FullName, "cluster.crt");
        switch (how)
        {
            case "garbage":
                await File.WriteAllTextAsync(path, "-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----\n");
                break;
            case "unreadable":
                Directory.CreateDirectory(path); // reading it fails as a permission error would
                break;
        }

        await using var member = TlsListener.Start(stranger);

        var section = await Probe(member.Address);

        var peer = Assert.Single(section.Peers);
        Assert.True(peer.Reachable);
        Assert.False(peer.CertificateVerified);
        Assert.NotNull(peer.TlsHandshakeSeconds);
        Assert.Contains("cluster.crt cannot be read", section.CertificateProblem, StringComparison.Ordinal);
    }

    private void WriteClusterCertificate() =>
        File.WriteAllText(Path.Combine(root.FullName, "cluster.crt"), cluster.ExportCertificatePem());

    private async Task<ReachabilitySection> Probe(string address)
    {
        using var client = new LxdSocketClient(Path.Combine(root.FullName, "unix.socket"), TimeSpan.FromSeconds(1));
        var context = new CollectionContext(new LxdDirectory(root.FullName), client, TimeProvider.System)
        {
            Local = new LocalDatabaseSection(42, address, [new RaftNodeInfo(1, address, "voter", "node1")], 0),
        };
        await new ReachabilitySource(TimeSpan.FromSeconds(5)).CollectAsync(context, default);
        return context.Reachability!;
    }

    private static X509Certificate2 SelfSigned(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), null);
    }

    /// <summary>A loopback TLS server presenting one certificate to every client, as LXD does on its cluster address.</summary>
    private sealed class TlsListener : IAsyncDisposable
    {
        private readonly TcpListener listener;
        private readonly Task loop;
        private readonly CancellationTokenSource stop = new();

        private TlsListener(X509Certificate2 certificate)
        {
            listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            loop = Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    using var tcp = await listener.AcceptTcpClientAsync(stop.Token);
                    await using var tls = new SslStream(tcp.GetStream());
                    try
                    {
                        await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = certificate }, stop.Token);
                    }
                    catch (Exception e) when (e is IOException or System.Security.Authentication.AuthenticationException)
                    {
                        // The client refused our certificate: that is what some tests want.
                    }
                }
            });
        }

        public string Address => $"127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}";

        public static TlsListener Start(X509Certificate2 certificate) => new(certificate);

        public async ValueTask DisposeAsync()
        {
            await stop.CancelAsync();
            listener.Stop();
            try
            {
                await loop;
            }
            catch (OperationCanceledException)
            {
            }
            catch (SocketException)
            {
            }

            stop.Dispose();
        }
    }
}
