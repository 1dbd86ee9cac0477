using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace LxdScope.Agent.Push;

/// <summary>
/// The HTTP handler that talks to the collector: system trust, plus a CA or certificate file the
/// operator names for a collector with a private certificate (validation is narrowed to that
/// file, never turned off: the host name must still match), and an optional client certificate.
/// </summary>
internal static class CollectorHttpHandler
{
    /// <exception cref="AgentConfigurationException">A named file cannot be read as PEM.</exception>
    public static SocketsHttpHandler Create(string? caFile, string? certificateFile, string? keyFile)
    {
        var handler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
        if (!string.IsNullOrEmpty(caFile))
        {
            var trusted = Load(caFile, "Agent:CollectorCaFile", c => c.ImportFromPemFile(caFile));
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, errors) => Validate(certificate, errors, trusted);
        }

        if (!string.IsNullOrEmpty(certificateFile))
        {
            X509Certificate2 client;
            try
            {
                client = X509Certificate2.CreateFromPemFile(certificateFile, string.IsNullOrEmpty(keyFile) ? null : keyFile);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException)
            {
                throw new AgentConfigurationException($"Agent:ClientCertificateFile {certificateFile} (key {keyFile ?? "in the same file"}) cannot be loaded: {e.Message}");
            }

            handler.SslOptions.ClientCertificates = [client];
            // Sent whatever issuers the server names: a collector that pins thumbprints trusts no CA of ours.
            handler.SslOptions.LocalCertificateSelectionCallback = (_, _, _, _, _) => client;
        }

        return handler;
    }

    /// <summary>
    /// Accepts what the system trusts; otherwise only a chain ending at a certificate of the file
    /// (or the very certificate, pinned), and never a certificate for another name.
    /// </summary>
    internal static bool Validate(X509Certificate? presented, SslPolicyErrors errors, X509Certificate2Collection trusted)
    {
        if (errors == SslPolicyErrors.None)
        {
            return true;
        }

        if (presented is null || (errors & (SslPolicyErrors.RemoteCertificateNameMismatch | SslPolicyErrors.RemoteCertificateNotAvailable)) != 0)
        {
            return false;
        }

        using var certificate = new X509Certificate2(presented);
        foreach (var pinned in trusted)
        {
            if (pinned.RawDataMemory.Span.SequenceEqual(certificate.RawDataMemory.Span))
            {
                return true;
            }
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(trusted);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(certificate);
    }

    private static X509Certificate2Collection Load(string file, string setting, Action<X509Certificate2Collection> import)
    {
        var collection = new X509Certificate2Collection();
        try
        {
            import(collection);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException)
        {
            throw new AgentConfigurationException($"{setting} {file} cannot be read as PEM certificates: {e.Message}");
        }

        return collection.Count > 0 ? collection : throw new AgentConfigurationException($"{setting} {file} holds no PEM certificate.");
    }
}
