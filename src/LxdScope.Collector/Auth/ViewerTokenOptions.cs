namespace LxdScope.Collector.Auth;

/// <summary>One viewer token: a name for the person or tool using it (Prometheus, say), and the SHA-256 of the token.</summary>
internal sealed class ViewerTokenOptions
{
    public string Name { get; set; } = "";

    /// <summary>SHA-256 of the token's UTF-8 bytes as 64 hex digits (<c>lxdscope collector hash-token</c>).</summary>
    public string Sha256 { get; set; } = "";
}
