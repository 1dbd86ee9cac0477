using Microsoft.Extensions.Options;

namespace LxdScope.Collector.Partition;

/// <summary>
/// Which clusters this collector applies and judges, and which collector holds each of the
/// others, as the last lease round found them. Without partitioning this collector owns them all.
/// </summary>
internal sealed class ClusterOwnership
{
    private readonly Lock gate = new();
    // Clusters this collector received reports of without holding them, and when it last did.
    private readonly Dictionary<string, long> wanted = new(StringComparer.Ordinal);
    private HashSet<string> owned = new(StringComparer.Ordinal);
    private Dictionary<string, ClusterLease> others = new(StringComparer.Ordinal);
    private TaskCompletionSource asked = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ClusterOwnership(IOptions<CollectorOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var partition = options.Value.Postgres.Partition;
        Partitioned = options.Value.Storage == Storage.StorageKinds.Postgres && partition.Enabled;
        Self = Partitioned ? partition.Advertised.ToString().TrimEnd('/') : null;
    }

    /// <summary>True when the collectors sharing the database share out the clusters.</summary>
    public bool Partitioned { get; }

    /// <summary>This collector's advertised URL, which names it as a lease holder (null without partitioning).</summary>
    public string? Self { get; }

    public bool Owns(string cluster)
    {
        if (!Partitioned)
        {
            return true;
        }

        lock (gate)
        {
            return owned.Contains(cluster);
        }
    }

    /// <summary>The URL of the other collector holding the cluster's live lease, or null.</summary>
    public string? OwnerOf(string cluster)
    {
        lock (gate)
        {
            return others.TryGetValue(cluster, out var lease) ? lease.Owner : null;
        }
    }

    /// <summary>The summary of a cluster another collector holds, as it stored it at its last renewal; null when there is none.</summary>
    public Clusters.ClusterSummary? Summary(string cluster)
    {
        byte[]? summary;
        lock (gate)
        {
            summary = others.TryGetValue(cluster, out var lease) ? lease.Summary : null;
        }

        return summary is null ? null : System.Text.Json.JsonSerializer.Deserialize(summary, Clusters.ClustersJson.Default.ClusterSummary);
    }

    /// <summary>The clusters held by other collectors, with their owners' summaries.</summary>
    internal IReadOnlyList<ClusterLease> Others()
    {
        lock (gate)
        {
            return others.Values.OrderBy(l => l.Cluster, StringComparer.Ordinal).ToList();
        }
    }

    public IReadOnlyList<string> Owned()
    {
        lock (gate)
        {
            return owned.Order(StringComparer.Ordinal).ToList();
        }
    }

    /// <summary>
    /// A report of <paramref name="cluster"/> was stored here. Unless this collector holds it, the
    /// next rounds ask for it, which succeeds once its lease is free or has run out: at once
    /// when nobody holds it, otherwise at the regular round.
    /// </summary>
    public void Saw(string cluster)
    {
        if (!Partitioned)
        {
            return;
        }

        lock (gate)
        {
            if (owned.Contains(cluster))
            {
                return;
            }

            var first = wanted.TryAdd(cluster, 0);
            wanted[cluster] = System.Diagnostics.Stopwatch.GetTimestamp();
            if (first && !others.ContainsKey(cluster))
            {
                asked.TrySetResult();
            }
        }
    }

    /// <summary>Returns when a cluster nobody holds was seen, or after <paramref name="timeout"/>.</summary>
    public async Task WaitAskedAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        Task task;
        lock (gate)
        {
            task = asked.Task;
        }

        try
        {
            await task.WaitAsync(timeout, cancellationToken);
        }
        catch (TimeoutException)
        {
        }
    }

    /// <summary>The clusters to ask for in the next round: those this collector received reports of within <paramref name="recently"/>.</summary>
    public IReadOnlyCollection<string> Wanted(TimeSpan recently)
    {
        lock (gate)
        {
            foreach (var (cluster, seen) in wanted.ToList())
            {
                if (System.Diagnostics.Stopwatch.GetElapsedTime(seen) > recently)
                {
                    wanted.Remove(cluster);
                }
            }

            var list = wanted.Keys.ToList();
            if (asked.Task.IsCompleted)
            {
                asked = new(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            return list;
        }
    }

    /// <summary>Takes a round's findings.</summary>
    /// <returns>The clusters this collector now holds and did not before, and those it no longer holds.</returns>
    internal (IReadOnlyList<string> Gained, IReadOnlyList<string> Lost) Update(LeaseRound round)
    {
        ArgumentNullException.ThrowIfNull(round);
        lock (gate)
        {
            var next = new HashSet<string>(round.Owned, StringComparer.Ordinal);
            var gained = next.Where(c => !owned.Contains(c)).Order(StringComparer.Ordinal).ToList();
            var lost = owned.Where(c => !next.Contains(c)).Order(StringComparer.Ordinal).ToList();
            owned = next;
            foreach (var cluster in next)
            {
                wanted.Remove(cluster);
            }

            others = round.Others.ToDictionary(l => l.Cluster, StringComparer.Ordinal);
            return (gained, lost);
        }
    }
}
