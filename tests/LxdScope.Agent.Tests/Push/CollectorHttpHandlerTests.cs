using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using LxdScope.Agent.Push;

namespace LxdScope.Agent.Tests.Push;

/// <summary>The handler's own rules; real handshakes against the collector are in the collector's TlsTests.</summary>
public sealed class CollectorHttpHandlerTests
{
    [Fact]
    public void Unreadable_or_empty_files_are_refused_naming_the_setting()
    {
        using var directory = new TempDirectory();
        File.WriteAllText(directory.File("empty.pem"), "no certificate here");

        Assert.Contains("Agent:CollectorCaFile", Assert.Throws<AgentConfigurationException>(() => CollectorHttpHandler.Create(directory.File("missing.pem"), null, null)).Message, StringComparison.Ordinal);
        Assert.Contains("holds no PEM certificate", Assert.Throws<AgentConfigurationException>(() => CollectorHttpHandler.Create(directory.File("empty.pem"), null, null)).Message, StringComparison.Ordinal);
        Assert.Contains("Agent:ClientCertificateFile", Assert.Throws<AgentConfigurationException>(() => CollectorHttpHandler.Create(null, directory.File("empty.pem"), null)).Message, StringComparison.Ordinal);
        using var plain = CollectorHttpHandler.Create(null, null, null);
        Assert.Null(plain.SslOptions.RemoteCertificateValidationCallback);
    }

    [Fact]
    public void Validation_trusts_the_named_ca_but_never_a_name_mismatch_or_a_stranger()
    {
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=test CA", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        using var ca = caRequest.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var issued = new CertificateRequest("CN=collector", key, HashAlgorithmName.SHA256)
            .Create(ca, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddHours(1), [1, 2, 3]);
        using var stranger = new CertificateRequest("CN=collector", key, HashAlgorithmName.SHA256).CreateSelfSigned(DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddHours(1));
        var trusted = new X509Certificate2Collection(ca);

        Assert.True(CollectorHttpHandler.Validate(issued, SslPolicyErrors.RemoteCertificateChainErrors, trusted));
        Assert.False(CollectorHttpHandler.Validate(issued, SslPolicyErrors.RemoteCertificateChainErrors | SslPolicyErrors.RemoteCertificateNameMismatch, trusted));
        Assert.False(CollectorHttpHandler.Validate(stranger, SslPolicyErrors.RemoteCertificateChainErrors, trusted));
        Assert.False(CollectorHttpHandler.Validate(null, SslPolicyErrors.RemoteCertificateNotAvailable, trusted));
        // The very certificate, pinned in the file, is trusted too.
        Assert.True(CollectorHttpHandler.Validate(stranger, SslPolicyErrors.RemoteCertificateChainErrors, new X509Certificate2Collection(stranger)));
    }
}
