namespace LxdScope.Collector.Metrics;

/// <summary>What <c>/metrics</c> carries (configuration section <c>Collector:Metrics</c>).</summary>
internal sealed class MetricsOptions
{
    /// <summary>
    /// True (the default): <c>/metrics</c> carries every cluster's series besides the collector's
    /// own, so that one scrape of a small setup has everything. False: only the collector's own;
    /// Prometheus then finds one target per cluster at <c>/metrics/targets</c> and scrapes
    /// <c>/metrics/clusters/{name}</c> (deploy/prometheus/prometheus.yml), which spreads a
    /// fleet's scrape over time and over several Prometheus servers. Each cluster's
    /// <c>/metrics/clusters/{name}</c> is served either way.
    /// </summary>
    public bool IncludeClusters { get; set; } = true;
}
