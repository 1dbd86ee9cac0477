namespace LxdScope.Contracts;

/// <summary>LXD's own warnings (the warnings table), counted by type and status.</summary>
public sealed record WarningCountInfo(string Type, string Status, long Count);
