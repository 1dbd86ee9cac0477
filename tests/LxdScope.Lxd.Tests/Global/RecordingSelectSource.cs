using LxdScope.Lxd.Api;
using LxdScope.Lxd.Global;

namespace LxdScope.Lxd.Tests.Global;

/// <summary>Passes SELECTs on to a real source, keeping the text of each one sent.</summary>
internal sealed class RecordingSelectSource(ISelectSource inner) : ISelectSource
{
    private readonly List<string> queries = [];

    public IReadOnlyList<string> Queries
    {
        get
        {
            lock (queries)
            {
                return [.. queries];
            }
        }
    }

    public Task<SqlResult> SelectAsync(string query, CancellationToken ct)
    {
        lock (queries)
        {
            queries.Add(query);
        }

        return inner.SelectAsync(query, ct);
    }
}
