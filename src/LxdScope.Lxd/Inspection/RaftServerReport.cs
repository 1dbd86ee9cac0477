namespace LxdScope.Lxd.Inspection;

public sealed record RaftServerReport(ulong Id, string Address, string Role);
