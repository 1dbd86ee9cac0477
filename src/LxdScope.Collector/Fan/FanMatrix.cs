using LxdScope.Collector.State;

namespace LxdScope.Collector.Fan;

/// <summary>
/// The fan's member×member matrix of one cluster: a cell per (member whose agent captured, peer),
/// each with its verdict, evidence, counters and latest probes; plus each member's capture health.
/// </summary>
/// <param name="Members">Row and column order: every member that reported a fan section or appears as a peer.</param>
internal sealed record FanMatrix(string Cluster, DateTimeOffset EvaluatedAt, IReadOnlyList<string> Members, IReadOnlyList<FanCapture> Captures, IReadOnlyList<FanEdge> Cells)
{
    public static FanMatrix From(ClusterStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        var members = status.FanCaptures.Select(c => c.Member)
            .Concat(status.Fan.SelectMany(e => new[] { e.From, e.To }))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
        return new FanMatrix(status.Name, status.EvaluatedAt, members, status.FanCaptures, status.Fan);
    }
}
