namespace LxdScope.Lxd.Inspection;

public sealed record LocalRaftNodeReport(long Id, string Address, string Role, string Name);
