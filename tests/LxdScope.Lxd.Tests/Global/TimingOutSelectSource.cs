using LxdScope.Lxd.Api;
using LxdScope.Lxd.Global;

namespace LxdScope.Lxd.Tests.Global;

/// <summary>A daemon that lost its quorum: every SELECT runs into the deadline.</summary>
internal sealed class TimingOutSelectSource : ISelectSource
{
    public int Calls { get; private set; }

    public Task<SqlResult> SelectAsync(string query, CancellationToken ct)
    {
        Calls++;
        throw new LxdApiException("LXD did not answer POST /internal/sql within 3 s.") { TimedOut = true };
    }
}
