namespace LxdScope.Collector;

/// <summary>Client-certificate authentication of agents (configuration section <c>Collector:AgentCertificates</c>).</summary>
public sealed class AgentCertificatesOptions
{
    /// <summary>
    /// Read once at start: it decides whether TLS handshakes ask for a certificate. The trusted
    /// list below is re-read on every request, like tokens.
    /// </summary>
    public AgentCertificateMode Mode { get; set; } = AgentCertificateMode.Off;

    public IList<AgentCertificateOptions> Trusted { get; } = [];
}
