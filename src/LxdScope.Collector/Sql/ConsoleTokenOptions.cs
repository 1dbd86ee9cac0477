namespace LxdScope.Collector.Sql;

/// <summary>One SQL console token: a name for the person or tool using it, and the SHA-256 of the token.</summary>
internal sealed class ConsoleTokenOptions
{
    public string Name { get; set; } = "";

    /// <summary>SHA-256 of the token's UTF-8 bytes as 64 hex digits (<c>lxdscope collector hash-token</c>).</summary>
    public string Sha256 { get; set; } = "";

    /// <summary>May also read the console's audit record (<c>GET /api/v1/audit</c>).</summary>
    public bool Admin { get; set; }
}
