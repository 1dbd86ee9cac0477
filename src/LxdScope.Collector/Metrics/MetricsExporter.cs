using LxdScope.Collector.Audit;
using LxdScope.Collector.Http;
using LxdScope.Collector.Ingest;
using LxdScope.Collector.State;
using Prometheus;

namespace LxdScope.Collector.Metrics;

/// <summary>
/// The collector's metric catalogue (docs/metrics.md), in its own registry, read from the cluster
/// state and the counters at scrape time. Metric names and labels are decided only in the families
/// (<see cref="MemberMetrics"/>, <see cref="ReachabilityMetrics"/>, <see cref="InventoryMetrics"/>,
/// <see cref="AgentMetrics"/>, <see cref="FanMetrics"/>, <see cref="ServiceMetrics"/>), created
/// in that order, which is the order of the scrape. Labels stay low-cardinality: clusters,
/// members, agents, collectors, projects — never container addresses or free text.
/// </summary>
public sealed class MetricsExporter
{
    private readonly Lock gate = new();
    private readonly ClusterRegistry clusters;
    private readonly IngestCounters ingest;
    private readonly RateLimitCounters limits;
    private readonly ConsoleQueryCounters console;
    private readonly SeriesSets series;
    private readonly MemberMetrics members;
    private readonly ReachabilityMetrics reachability;
    private readonly InventoryMetrics inventory;
    private readonly AgentMetrics agents;
    private readonly FanMetrics fan;
    private readonly ServiceMetrics service;
    private HashSet<string> exported = new(StringComparer.Ordinal);

    public MetricsExporter(CollectorRegistry registry, ClusterRegistry clusters, IngestCounters ingest, RateLimitCounters limits, ConsoleQueryCounters console)
    {
        ArgumentNullException.ThrowIfNull(registry);
        Registry = registry;
        this.clusters = clusters;
        this.ingest = ingest;
        this.limits = limits;
        this.console = console;
        var factory = Prometheus.Metrics.WithCustomRegistry(registry);
        series = new SeriesSets(factory);
        members = new MemberMetrics(series);
        reachability = new ReachabilityMetrics(series);
        inventory = new InventoryMetrics(series);
        agents = new AgentMetrics(series);
        fan = new FanMetrics(series);
        service = new ServiceMetrics(factory);
        registry.AddBeforeCollectCallback(Refresh);
    }

    public CollectorRegistry Registry { get; }

    /// <summary>Sets every series from the state as it is now; a cluster forgotten since the last scrape loses all of its series.</summary>
    private void Refresh()
    {
        lock (gate)
        {
            var now = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (status, leaderChanges) in clusters.StatusesWithLeaderChanges())
            {
                members.Update(status, leaderChanges);
                reachability.Update(status);
                inventory.Update(status);
                agents.Update(status);
                fan.Update(status);
                series.EndRound(status.Name);
                now.Add(status.Name);
            }

            foreach (var gone in exported.Where(c => !now.Contains(c)))
            {
                series.EndRound(gone);
            }

            exported = now;
            service.Update(ingest);
            service.Update(limits);
            service.Update(console);
            service.Update(clusters.EventCounts());
        }
    }
}
