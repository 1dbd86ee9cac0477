namespace LxdScope.Lxd.Sql;

/// <summary>Bounds on one console query: wall time (enforced by interrupting SQLite) and rows.</summary>
public sealed record QueryLimits(TimeSpan Timeout, int MaxRows)
{
    public static readonly QueryLimits Default = new(TimeSpan.FromSeconds(5), 10_000);
}
