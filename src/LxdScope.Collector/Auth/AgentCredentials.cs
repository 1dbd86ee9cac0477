using Microsoft.AspNetCore.Http;

namespace LxdScope.Collector.Auth;

/// <summary>
/// Who pushes a report: the cluster its token and/or client certificate were issued for, as
/// <see cref="AgentCertificateMode"/> demands. Never holds the token or certificate itself.
/// </summary>
internal sealed class AgentCredentials(AgentTokens tokens, AgentCertificates certificates)
{
    /// <summary>The cluster the request may push for, or why not (401 for no or unknown credentials, 403 for credentials that disagree).</summary>
    public (string? Cluster, int Status, string? Problem) Resolve(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var tokenCluster = tokens.ClusterForHeader(context.Request.Headers.Authorization.ToString());
        var mode = certificates.Mode;
        if (mode == AgentCertificateMode.Off)
        {
            return tokenCluster is null
                ? (null, StatusCodes.Status401Unauthorized, "A valid agent token is required: Authorization: Bearer <token>.")
                : (tokenCluster, StatusCodes.Status200OK, null);
        }

        var certificate = context.Connection.ClientCertificate;
        var certificateCluster = certificates.ClusterFor(certificate);
        if (certificate is not null && certificateCluster is null)
        {
            return (null, StatusCodes.Status401Unauthorized, "The client certificate is not one this collector trusts for any cluster.");
        }

        if (mode == AgentCertificateMode.Required && certificateCluster is null)
        {
            return (null, StatusCodes.Status401Unauthorized, "A trusted client certificate is required (HTTPS with the agent's certificate).");
        }

        if (certificateCluster is not null && tokenCluster is not null && !string.Equals(certificateCluster, tokenCluster, StringComparison.Ordinal))
        {
            return (null, StatusCodes.Status403Forbidden, "The client certificate and the token were issued for different clusters.");
        }

        var cluster = certificateCluster ?? tokenCluster;
        return cluster is null
            ? (null, StatusCodes.Status401Unauthorized, "A valid agent token or client certificate is required.")
            : (cluster, StatusCodes.Status200OK, null);
    }
}
