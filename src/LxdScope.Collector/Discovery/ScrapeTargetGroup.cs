namespace LxdScope.Collector.Discovery;

/// <summary>
/// One entry of Prometheus's HTTP service discovery (<c>http_sd_configs</c>): targets and the
/// labels they share. Here one cluster: the collector itself, scraped at the cluster's own path.
/// </summary>
internal sealed record ScrapeTargetGroup(IReadOnlyList<string> Targets, IReadOnlyDictionary<string, string> Labels)
{
    /// <summary>Where a cluster's series are served: its name, URL-escaped, under <c>/metrics/clusters/</c>.</summary>
    public static string MetricsPath(string cluster) => "/metrics/clusters/" + Uri.EscapeDataString(cluster);

    /// <summary>The group for one cluster, scraped at <paramref name="address"/> (host:port as Prometheus reached the collector).</summary>
    public static ScrapeTargetGroup For(string address, string cluster) =>
        new([address], new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["__metrics_path__"] = MetricsPath(cluster),
            ["cluster"] = cluster,
        });
}
