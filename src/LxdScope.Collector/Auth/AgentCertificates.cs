using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;

namespace LxdScope.Collector.Auth;

/// <summary>
/// Resolves an agent's TLS client certificate to the cluster it was trusted for. The TLS
/// handshake accepts any certificate (agents' certificates come from private CAs the system does
/// not trust); this is where one is accepted or not, against the current configuration.
/// </summary>
internal sealed class AgentCertificates(IOptionsMonitor<CollectorOptions> options)
{
    // Issuer files are read again when they change on disk, so a CA can be rotated by editing files too.
    private readonly ConcurrentDictionary<string, (DateTime Written, X509Certificate2Collection Certificates)> issuers = new(StringComparer.Ordinal);

    public AgentCertificateMode Mode => options.CurrentValue.AgentCertificates.Mode;

    /// <summary>The cluster of a presented certificate, or null when it is none of the trusted ones.</summary>
    public string? ClusterFor(X509Certificate2? certificate)
    {
        if (certificate is null)
        {
            return null;
        }

        Span<byte> thumbprint = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(certificate.RawDataMemory.Span, thumbprint);
        string? found = null;
        foreach (var trusted in options.CurrentValue.AgentCertificates.Trusted)
        {
            var matches = trusted.Sha256 is { Length: > 0 } pinned
                ? MatchesThumbprint(thumbprint, pinned)
                : trusted.IssuerFile is { Length: > 0 } issuer && trusted.Subject is { Length: > 0 } subject && IssuedBy(certificate, issuer, subject);
            if (matches)
            {
                found ??= trusted.Cluster;
            }
        }

        return found;
    }

    /// <summary>Thumbprint as 64 hex digits, with or without colons as openssl prints them.</summary>
    internal static byte[]? ParseThumbprint(string text)
    {
        var hex = text.Replace(":", "", StringComparison.Ordinal).Trim();
        if (hex.Length != SHA256.HashSizeInBytes * 2)
        {
            return null;
        }

        try
        {
            return Convert.FromHexString(hex);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static bool MatchesThumbprint(ReadOnlySpan<byte> presented, string pinned) =>
        ParseThumbprint(pinned) is { } configured && CryptographicOperations.FixedTimeEquals(presented, configured);

    private bool IssuedBy(X509Certificate2 certificate, string issuerFile, string subject)
    {
        if (!string.Equals(certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false), subject, StringComparison.Ordinal))
        {
            return false;
        }

        var authorities = Issuers(issuerFile);
        if (authorities is null || authorities.Count == 0)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(authorities);
        // Private agent CAs rarely publish revocation lists; removing a CA or pin revokes instead.
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.ApplicationPolicy.Add(new Oid("1.3.6.1.5.5.7.3.2")); // TLS client authentication
        return chain.Build(certificate);
    }

    private X509Certificate2Collection? Issuers(string path)
    {
        DateTime written;
        try
        {
            written = File.GetLastWriteTimeUtc(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        if (issuers.TryGetValue(path, out var cached) && cached.Written == written)
        {
            return cached.Certificates;
        }

        var loaded = new X509Certificate2Collection();
        try
        {
            loaded.ImportFromPemFile(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException)
        {
            // An unreadable CA file trusts nobody; validation at start names it.
            return null;
        }

        issuers[path] = (written, loaded);
        return loaded;
    }
}
