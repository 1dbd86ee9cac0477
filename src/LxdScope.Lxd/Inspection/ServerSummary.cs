namespace LxdScope.Lxd.Inspection;

public sealed record ServerSummary(string Product, string Version, string? Name, bool Clustered, int ApiExtensions);
