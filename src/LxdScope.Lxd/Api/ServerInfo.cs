namespace LxdScope.Lxd.Api;

/// <summary>The parts of <c>GET /1.0</c> LxdScope uses.</summary>
public sealed record ServerInfo(
    LxdProduct Product,
    string Version,
    string? ServerName,
    bool Clustered,
    int ApiExtensions);
