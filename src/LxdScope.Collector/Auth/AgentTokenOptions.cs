using System.Globalization;

namespace LxdScope.Collector.Auth;

/// <summary>One agent bearer token: the cluster it is for and the SHA-256 of the token.</summary>
internal sealed class AgentTokenOptions
{
    public string Cluster { get; set; } = "";

    /// <summary>SHA-256 of the token's UTF-8 bytes as 64 hex digits (<c>printf %s "$TOKEN" | sha256sum</c>).</summary>
    public string Sha256 { get; set; } = "";

    /// <summary>Checks the agents' tokens at start.</summary>
    /// <returns>The hashes seen, which no console user or viewer may reuse.</returns>
    internal static HashSet<string> Validate(List<string> failures, IList<AgentTokenOptions> tokens)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < tokens.Count; i++)
        {
            // The hash is never echoed back: an index is enough to find the entry.
            var token = tokens[i];
            if (string.IsNullOrWhiteSpace(token.Cluster))
            {
                failures.Add(string.Create(CultureInfo.InvariantCulture, $"Collector:Tokens:{i}:Cluster must not be empty."));
            }

            if (!TokenUsers.IsSha256Hex(token.Sha256))
            {
                failures.Add(string.Create(CultureInfo.InvariantCulture, $"Collector:Tokens:{i}:Sha256 must be 64 hex digits (the SHA-256 of the token, not the token)."));
            }
            else if (!seen.Add(token.Sha256))
            {
                failures.Add(string.Create(CultureInfo.InvariantCulture, $"Collector:Tokens:{i}:Sha256 repeats an earlier entry; a token must belong to one cluster."));
            }
        }

        return seen;
    }
}
