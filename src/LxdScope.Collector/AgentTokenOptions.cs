namespace LxdScope.Collector;

/// <summary>One agent bearer token: the cluster it is for and the SHA-256 of the token.</summary>
public sealed class AgentTokenOptions
{
    public string Cluster { get; set; } = "";

    /// <summary>SHA-256 of the token's UTF-8 bytes as 64 hex digits (<c>printf %s "$TOKEN" | sha256sum</c>).</summary>
    public string Sha256 { get; set; } = "";
}
