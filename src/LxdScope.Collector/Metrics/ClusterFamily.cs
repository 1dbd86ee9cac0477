namespace LxdScope.Collector.Metrics;

/// <summary>
/// A family of per-cluster series and how one cluster's samples are written from its state. The
/// first label is always the cluster. Written at scrape time from the state as it is, so a member
/// that left or an agent forgotten has no series to remove.
/// </summary>
internal sealed class ClusterFamily(MetricFamily family, Action<ClusterScrape, ExpositionWriter> write)
{
    public MetricFamily Family { get; } = family;

    public static ClusterFamily Gauge(string name, string help, string[] labels, Action<ClusterScrape, ExpositionWriter> write) =>
        new(new MetricFamily(name, "gauge", help, labels), write);

    public static ClusterFamily Counter(string name, string help, string[] labels, Action<ClusterScrape, ExpositionWriter> write) =>
        new(new MetricFamily(name, "counter", help, labels), write);

    /// <summary>A gauge with one series per cluster; none while the value is unknown (unknown is never 0).</summary>
    public static ClusterFamily PerCluster(string name, string help, Func<ClusterScrape, double?> value) =>
        Gauge(name, help, ["cluster"], (c, w) =>
        {
            if (value(c) is { } v)
            {
                w.Sample(v, c.Name);
            }
        });

    public void Write(ClusterScrape cluster, ExpositionWriter writer) => write(cluster, writer);
}
