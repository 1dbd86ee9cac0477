using System.Diagnostics;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using LxdScope.Contracts;
using LxdScope.Lxd.Network;

namespace LxdScope.Agent.Sources;

/// <summary>
/// From this host to every member's cluster address: TCP connect time, then the TLS handshake
/// LXD answers there. Members present the cluster certificate (LXD_DIR/cluster.crt); a peer that
/// presents another one is reported, since the address then leads somewhere else. When
/// cluster.crt cannot be read the handshake is still timed, but the peer is reported as
/// unverified — never as verified: a check that cannot be made does not pass. Nothing is sent
/// after the handshake.
/// </summary>
internal sealed class ReachabilitySource(TimeSpan timeout) : IAgentSource
{
    public string Name => "reachability";

    public async Task CollectAsync(CollectionContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        var members = context.KnownMembers();
        if (members.Count == 0)
        {
            throw new InvalidOperationException("no member addresses known (neither the global database nor local.db answered)");
        }

        var (clusterCertificate, problem) = ClusterCertificate(context);
        using var certificate = clusterCertificate;
        var probes = await Task.WhenAll(members.Select(m => ProbeAsync(m.Name, m.Address, clusterCertificate, ct)));
        context.Reachability = new ReachabilitySection(probes, problem);
    }

    /// <summary>The cluster certificate, or why there is none to check against.</summary>
    internal static (X509Certificate2? Certificate, string? Problem) ClusterCertificate(CollectionContext context)
    {
        var path = Path.Combine(context.Directory.Root, "cluster.crt");
        try
        {
            var pem = File.ReadAllBytes(path);
            context.CountFileBytes(pem.Length);
            return (X509Certificate2.CreateFromPem(System.Text.Encoding.ASCII.GetString(pem)), null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException)
        {
            // A standalone or unreadable setup: timings are still worth having, verification is not claimed.
            return (null, $"{path} cannot be read ({e.Message}): peers' certificates are not verified");
        }
    }

    /// <summary>
    /// The chain the runtime builds before the pin is checked: rooted in the cluster certificate
    /// alone, with nothing fetched from the network. By default it is built against the system's
    /// roots, which puts the whole CA store into OpenSSL at every handshake (a fifth of the agent's
    /// CPU on a three-member cluster) for a verdict the pin never reads.
    /// </summary>
    private static X509ChainPolicy PinnedChainPolicy(X509Certificate2? expected)
    {
        var policy = new X509ChainPolicy
        {
            TrustMode = X509ChainTrustMode.CustomRootTrust,
            RevocationMode = X509RevocationMode.NoCheck,
            DisableCertificateDownloads = true,
        };
        if (expected is not null)
        {
            policy.CustomTrustStore.Add(expected);
        }

        return policy;
    }

    private async Task<PeerProbe> ProbeAsync(string? name, string address, X509Certificate2? expected, CancellationToken ct)
    {
        TcpProbe.TrySplit(address, out var host, out _);
        var (client, opened) = await TcpProbe.OpenAsync(address, timeout, ct);
        if (client is null)
        {
            return new PeerProbe(name, address, false, null, null, $"TCP connect: {opened.Error}");
        }

        using var tcp = client;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout);
        var clock = Stopwatch.StartNew();
        var connect = opened.ConnectTime!.Value.TotalSeconds;
        try
        {
            await using var tls = new SslStream(tcp.GetStream(), leaveInnerStreamOpen: false);
            await tls.AuthenticateAsClientAsync(
                new SslClientAuthenticationOptions
                {
                    TargetHost = host,
                    CertificateChainPolicy = PinnedChainPolicy(expected),
                    // Pinned to the cluster's own certificate; LXD's is self-signed, so the system store cannot judge it.
                    RemoteCertificateValidationCallback = (_, presented, _, _) =>
                        expected is null || (presented is not null && presented.GetCertHash().AsSpan().SequenceEqual(expected.GetCertHash())),
                },
                deadline.Token);
            return new PeerProbe(name, address, true, connect, clock.Elapsed.TotalSeconds, null, CertificateVerified: expected is not null);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new PeerProbe(name, address, true, connect, null, $"TLS handshake: no answer within {timeout.TotalMilliseconds:0} ms");
        }
        catch (Exception e) when (e is System.Security.Authentication.AuthenticationException or IOException)
        {
            return new PeerProbe(name, address, true, connect, null, $"TLS handshake: {e.Message}");
        }
    }
}
