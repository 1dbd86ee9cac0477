using LxdScope.Lxd.Global;
using LxdScope.Lxd.Raft;

namespace LxdScope.Lxd.Health;

/// <summary>
/// Everything known about one cluster at one moment, from one host (inspect) or from all its
/// agents (the collector): what <see cref="ClusterJudge"/> decides from.
/// </summary>
public sealed record ClusterFacts
{
    public required DateTimeOffset Now { get; init; }

    /// <summary>The global nodes table, or null when nobody could read or rebuild it.</summary>
    public IReadOnlyList<GlobalMember>? Rows { get; init; }

    /// <summary>Whether <see cref="Rows"/> came from the cluster database just now (heartbeats mean something) rather than from files or memory.</summary>
    public bool RowsLive { get; init; }

    /// <summary>When the rows were read: states are judged at that moment, so transit time cannot make a member look offline.</summary>
    public DateTimeOffset? RowsReadAt { get; init; }

    public TimeSpan OfflineThreshold { get; init; } = GlobalSnapshot.DefaultOfflineThreshold;

    /// <summary>The members API's answer that came with <see cref="Rows"/>, if any.</summary>
    public IReadOnlyList<ReportedMember>? Reported { get; init; }

    /// <summary>The database leader's name when the source said it outright; otherwise the member the API lists as database-leader.</summary>
    public string? Leader { get; init; }

    /// <summary>The latest raft configuration in the log (the files), empty when unknown.</summary>
    public IReadOnlyList<RaftServer> RaftConfiguration { get; init; } = [];

    public IReadOnlyList<RaftNodesCopy> RaftNodes { get; init; } = [];

    public IReadOnlyList<ReachabilityProbe> Probes { get; init; } = [];

    /// <summary>Members' last raft entries, to name the one to recover from when quorum is lost.</summary>
    public IReadOnlyList<RaftProgress> Progress { get; init; } = [];

    /// <summary>Who probed, in the words of the quorum's basis: "TCP from this host", "the agents' probes".</summary>
    public string ProbesFrom { get; init; } = "TCP probes";

    /// <summary>"LXD" or "Incus", in the words of the warnings.</summary>
    public string Product { get; init; } = "LXD";
}
