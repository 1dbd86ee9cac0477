using LxdScope.Lxd.Api;

namespace LxdScope.Lxd.Global;

/// <summary>Where global-database SELECTs go: LXD's socket when it answers, a SQLite file otherwise.</summary>
public interface ISelectSource
{
    Task<SqlResult> SelectAsync(string query, CancellationToken ct);
}
