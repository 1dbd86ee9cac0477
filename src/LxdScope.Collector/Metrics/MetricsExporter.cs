using System.IO.Pipelines;
using LxdScope.Collector.Audit;
using LxdScope.Collector.Http;
using LxdScope.Collector.Ingest;
using LxdScope.Collector.State;
using Prometheus;

namespace LxdScope.Collector.Metrics;

/// <summary>
/// The collector's metric catalogue (docs/metrics.md), read at scrape time. The collector's own
/// series (<see cref="ServiceMetrics"/>) live in a prometheus-net registry; the per-cluster
/// families (<see cref="ClusterFamilies"/>) are written straight from the cluster state, one
/// cluster or all of them, so that a cluster's scrape costs that cluster and the collector holds
/// no copy of a fleet's series between scrapes. Labels stay low-cardinality: clusters, members,
/// agents, collectors, projects — never container addresses or free text.
/// </summary>
public sealed class MetricsExporter
{
    private readonly ClusterRegistry clusters;
    private readonly IngestCounters ingest;
    private readonly RateLimitCounters limits;
    private readonly ConsoleQueryCounters console;
    private readonly ServiceMetrics service;

    public MetricsExporter(CollectorRegistry registry, ClusterRegistry clusters, IngestCounters ingest, RateLimitCounters limits, ConsoleQueryCounters console)
    {
        ArgumentNullException.ThrowIfNull(registry);
        Registry = registry;
        this.clusters = clusters;
        this.ingest = ingest;
        this.limits = limits;
        this.console = console;
        service = new ServiceMetrics(Prometheus.Metrics.WithCustomRegistry(registry));
        registry.AddBeforeCollectCallback(() =>
        {
            service.Update(this.ingest);
            service.Update(this.limits);
            service.Update(this.console);
        });
    }

    /// <summary>The collector's own series.</summary>
    internal CollectorRegistry Registry { get; }

    /// <summary>The collector's own series, preceded by every cluster's when <paramref name="withClusters"/>.</summary>
    public async Task WriteAsync(PipeWriter output, bool withClusters, CancellationToken ct)
    {
        var writer = new ExpositionWriter(output);
        if (withClusters)
        {
            await ClusterFamilies.WriteAsync(Scrapes(), writer, ct);
        }

        using var own = new MemoryStream();
        await Registry.CollectAndExportAsTextAsync(own, ct);
        writer.Raw(own.GetBuffer().AsSpan(0, (int)own.Length));
        await writer.FlushAsync(ct);
    }

    /// <summary>One cluster's state as it is now; null for a cluster the collector has no status of.</summary>
    internal ClusterScrape? Find(string cluster) =>
        clusters.StatusWithCounts(cluster) is { } found ? new ClusterScrape(found.Status, found.LeaderChanges, found.Events) : null;

    /// <summary>One cluster's series.</summary>
    internal static async Task WriteClusterAsync(ClusterScrape cluster, PipeWriter output, CancellationToken ct)
    {
        var writer = new ExpositionWriter(output);
        await ClusterFamilies.WriteAsync([cluster], writer, ct);
        await writer.FlushAsync(ct);
    }

    private List<ClusterScrape> Scrapes()
    {
        var events = clusters.EventCounts().ToLookup(e => e.Cluster, e => (e.Kind, e.Count), StringComparer.Ordinal);
        return clusters.StatusesWithLeaderChanges()
            .Select(s => new ClusterScrape(s.Status, s.LeaderChanges, events[s.Status.Name].ToList()))
            .ToList();
    }
}
