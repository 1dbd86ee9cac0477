namespace LxdScope.Lxd.Sql;

/// <summary>
/// Bounds on one console query: wall time (enforced by interrupting SQLite), rows, and bytes of
/// values returned (a result past either cap is cut and flagged as truncated).
/// </summary>
public sealed record QueryLimits(TimeSpan Timeout, int MaxRows, long MaxBytes = long.MaxValue)
{
    public static readonly QueryLimits Default = new(TimeSpan.FromSeconds(5), 10_000);
}
