using LxdScope.Lxd.Api;

namespace LxdScope.Lxd.Global;

/// <summary>The live global database, through LXD's /internal/sql.</summary>
public sealed class SocketSelectSource(LxdSocketClient client) : ISelectSource
{
    public Task<SqlResult> SelectAsync(string query, CancellationToken ct) => client.SelectAsync("global", query, ct);
}
