namespace LxdScope.Collector.Partition;

/// <summary>The clusters' leases in the database the collectors share: who applies and judges each cluster.</summary>
internal interface IClusterLeases
{
    /// <summary>
    /// One round, in one transaction: renews every lease <paramref name="owner"/> holds (storing
    /// the <paramref name="summaries"/> of its clusters), takes those of <paramref name="wanted"/>
    /// that are free or have run out and those nobody has held for a lease time, and reads
    /// everyone else's live leases.
    /// </summary>
    LeaseRound LeaseRound(string owner, IReadOnlyCollection<string> wanted, IReadOnlyDictionary<string, byte[]> summaries, TimeSpan leaseTime);

    /// <summary>Ends <paramref name="owner"/>'s leases, so that the others take its clusters at once.</summary>
    int ReleaseLeases(string owner);
}

/// <summary>What a lease round found: the clusters this collector holds, and everyone else's live leases.</summary>
internal sealed record LeaseRound(IReadOnlySet<string> Owned, IReadOnlyList<ClusterLease> Others);

/// <summary>Another collector's live lease on a cluster, with that owner's summary of it (JSON of <see cref="Clusters.ClusterSummary"/>).</summary>
internal sealed record ClusterLease(string Cluster, string Owner, byte[]? Summary);
