namespace LxdScope.Collector.Auth;

/// <summary>Whether agents authenticate with TLS client certificates (over HTTPS only).</summary>
internal enum AgentCertificateMode
{
    /// <summary>Client certificates are not asked for; agents use tokens.</summary>
    Off,

    /// <summary>A known client certificate identifies the agent's cluster as a token does; a token alone is still enough.</summary>
    Accepted,

    /// <summary>Every report needs a known client certificate; a token, when also sent, must be for the same cluster.</summary>
    Required,
}
