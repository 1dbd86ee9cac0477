using Prometheus;

namespace LxdScope.Collector.Metrics;

/// <summary>
/// A labelled gauge whose series are set per cluster in rounds: whatever a cluster's round does
/// not set again (a member that left, an agent forgotten) is removed, so that nothing stale stays
/// in the scrape. The first label is always the cluster.
/// </summary>
internal sealed class SeriesSet(Gauge gauge)
{
    private readonly Dictionary<string, HashSet<string>> previous = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> current = new(StringComparer.Ordinal);

    public void Set(double value, params string[] labels)
    {
        gauge.WithLabels(labels).Set(value);
        var cluster = labels[0];
        if (!current.TryGetValue(cluster, out var set))
        {
            current[cluster] = set = new HashSet<string>(StringComparer.Ordinal);
        }

        set.Add(string.Join('\u001f', labels));
    }

    /// <summary>Sets the series when there is a value; without one it is left out of the round (unknown is never 0).</summary>
    public void SetIf(double? value, params string[] labels)
    {
        if (value is { } v)
        {
            Set(v, labels);
        }
    }

    /// <summary>Ends a cluster's round: series it did not set are removed.</summary>
    public void EndRound(string cluster)
    {
        current.TryGetValue(cluster, out var now);
        if (previous.TryGetValue(cluster, out var before))
        {
            foreach (var key in before)
            {
                if (now is null || !now.Contains(key))
                {
                    gauge.RemoveLabelled(key.Split('\u001f'));
                }
            }
        }

        if (now is null)
        {
            previous.Remove(cluster);
        }
        else
        {
            previous[cluster] = now;
        }

        current.Remove(cluster);
    }
}
