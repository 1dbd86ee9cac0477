namespace LxdScope.Contracts;

/// <param name="Role">voter, stand-by or spare.</param>
public sealed record RaftNodeInfo(long Id, string Address, string Role, string Name);
