using Prometheus;

namespace LxdScope.Collector.Metrics;

/// <summary>The per-cluster gauges of every family, so that a cluster's round ends, or its series go, in all of them at once.</summary>
internal sealed class SeriesSets(MetricFactory factory)
{
    private readonly List<SeriesSet> all = [];

    public SeriesSet Gauge(string name, string help, params string[] labels)
    {
        var set = new SeriesSet(factory.CreateGauge(name, help, labels));
        all.Add(set);
        return set;
    }

    /// <summary>Ends a cluster's round in every family: what the round did not set goes (all of it, for a cluster that is gone).</summary>
    public void EndRound(string cluster)
    {
        foreach (var set in all)
        {
            set.EndRound(cluster);
        }
    }
}
