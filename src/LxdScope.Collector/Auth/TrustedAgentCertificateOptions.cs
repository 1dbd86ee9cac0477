namespace LxdScope.Collector.Auth;

/// <summary>
/// One trusted agent certificate, for one cluster: either pinned by its SHA-256 thumbprint, or
/// any certificate issued by a CA (a PEM file) whose subject common name is <see cref="Subject"/>.
/// </summary>
internal sealed class TrustedAgentCertificateOptions
{
    public string Cluster { get; set; } = "";

    /// <summary>SHA-256 of the certificate's DER bytes as 64 hex digits (<c>openssl x509 -noout -fingerprint -sha256</c>, colons allowed).</summary>
    public string? Sha256 { get; set; }

    /// <summary>A PEM file of the CA that issues agents' certificates; used with <see cref="Subject"/>.</summary>
    public string? IssuerFile { get; set; }

    /// <summary>The common name (CN) a certificate issued by <see cref="IssuerFile"/> must carry.</summary>
    public string? Subject { get; set; }
}
