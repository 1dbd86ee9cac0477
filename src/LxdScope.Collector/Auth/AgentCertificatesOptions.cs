using System.Globalization;

namespace LxdScope.Collector.Auth;

/// <summary>Client-certificate authentication of agents (configuration section <c>Collector:AgentCertificates</c>).</summary>
internal sealed class AgentCertificatesOptions
{
    /// <summary>
    /// Read once at start: it decides whether TLS handshakes ask for a certificate. The trusted
    /// list below is re-read on every request, like tokens.
    /// </summary>
    public AgentCertificateMode Mode { get; set; } = AgentCertificateMode.Off;

    public IList<TrustedAgentCertificateOptions> Trusted { get; } = [];

    internal void Validate(List<string> failures)
    {
        if (!Enum.IsDefined(Mode))
        {
            failures.Add("Collector:AgentCertificates:Mode must be Off, Accepted or Required.");
        }

        for (var i = 0; i < Trusted.Count; i++)
        {
            var trusted = Trusted[i];
            var at = string.Create(CultureInfo.InvariantCulture, $"Collector:AgentCertificates:Trusted:{i}");
            if (string.IsNullOrWhiteSpace(trusted.Cluster))
            {
                failures.Add(at + ":Cluster must not be empty.");
            }

            if (trusted.Sha256 is { Length: > 0 } pinned)
            {
                if (AgentCertificates.ParseThumbprint(pinned) is null)
                {
                    failures.Add(at + ":Sha256 must be the certificate's SHA-256 fingerprint, 64 hex digits (colons allowed).");
                }
            }
            else if (string.IsNullOrWhiteSpace(trusted.IssuerFile) || string.IsNullOrWhiteSpace(trusted.Subject))
            {
                failures.Add(at + " needs Sha256, or IssuerFile and Subject.");
            }
            else if (!File.Exists(trusted.IssuerFile))
            {
                failures.Add(at + ":IssuerFile " + trusted.IssuerFile + " does not exist.");
            }
        }
    }
}
