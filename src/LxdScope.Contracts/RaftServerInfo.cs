namespace LxdScope.Contracts;

/// <param name="Role">voter, stand-by or spare.</param>
public sealed record RaftServerInfo(ulong Id, string Address, string Role);
