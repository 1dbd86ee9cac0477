using LxdScope.Collector.State;
using LxdScope.Lxd.Health;

namespace LxdScope.Collector.Clusters;

/// <summary>One line per cluster: enough to see which needs attention.</summary>
internal sealed record ClusterSummary(
    string Name,
    string? Product,
    string? Version,
    string Source,
    int Members,
    int MembersOnline,
    bool Quorum,
    int Voters,
    int VotersOnline,
    int FailureTolerance,
    string? Leader,
    int AgentsUp,
    int Agents,
    IReadOnlyList<string> Warnings)
{
    public static ClusterSummary From(ClusterStatus s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return new(
            s.Name, s.Product, s.Version, s.Source, s.Members.Count, s.Members.Count(m => m.Verdict.State.IsUp()), s.Quorum.HasQuorum,
            s.Quorum.Voters, s.Quorum.VotersOnline, s.Quorum.FailureTolerance, s.Quorum.Leader,
            s.Agents.Count(a => a.Up), s.Agents.Count, s.Warnings);
    }
}
