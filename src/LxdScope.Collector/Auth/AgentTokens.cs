using Microsoft.Extensions.Options;

namespace LxdScope.Collector.Auth;

/// <summary>Resolves an agent's bearer token to the cluster it was issued for.</summary>
/// <remarks>
/// Reads the current options on every call, so a changed configuration file rotates tokens
/// without a restart.
/// </remarks>
internal sealed class AgentTokens(IOptionsMonitor<CollectorOptions> options)
{
    /// <summary>The cluster of the token in an <c>Authorization</c> header value, or null when there is none or it is unknown.</summary>
    public string? ClusterForHeader(string? authorization) => ClusterFor(TokenMatch.FromHeader(authorization));

    /// <summary>The cluster of a presented token, or null when it is unknown.</summary>
    public string? ClusterFor(ReadOnlySpan<char> token) =>
        TokenMatch.Find(token, options.CurrentValue.Tokens.Select(t => (t.Sha256, t.Cluster)));
}
