namespace LxdScope.Bench.IngestLoad;

/// <summary>What to run: how many simulated agents push how often, for how long, with how large a report.</summary>
public sealed record LoadOptions
{
    public required Uri Collector { get; init; }

    /// <summary>
    /// The clusters and their tokens: agent i belongs to cluster i / <see cref="MembersPerCluster"/>
    /// (round robin when there are fewer), as one agent runs on each member of an LXD cluster.
    /// </summary>
    public required IReadOnlyList<ClusterToken> Clusters { get; init; }

    /// <summary>Members (agents) per cluster; 3, like the testbed and the smallest cluster with a quorum.</summary>
    public int MembersPerCluster { get; init; } = 3;

    public int Agents { get; init; } = 50;

    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Each agent sends one report per interval (the next one at once when an answer took longer).</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Report size as a multiple of the base report (a 3-member cluster's agent with 12 instances).</summary>
    public int SizeFactor { get; init; } = 1;

    /// <summary>The collector's process, to measure its CPU time and peak RSS; null: not measured.</summary>
    public int? CollectorPid { get; init; }

    /// <summary>Unique per run, so that runs against the same database never collide.</summary>
    public string Epoch { get; init; } = Guid.NewGuid().ToString("N");
}
