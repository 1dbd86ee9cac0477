using LxdScope.Collector.Storage;
using LxdScope.Contracts;

namespace LxdScope.Collector.State;

/// <summary>
/// Every cluster's agents and their merged status: the one place where reports become state and
/// events (metrics read it at scrape time). Re-evaluated on each report and on a clock tick, since
/// staleness (an agent going silent, a heartbeat ageing) happens without any report arriving.
/// </summary>
public sealed class ClusterRegistry : IReportSink
{
    /// <summary>An agent silent this long is forgotten, and its series with it.</summary>
    public static readonly TimeSpan ForgetAfter = TimeSpan.FromHours(24);

    private readonly object gate = new();
    private readonly Dictionary<string, Entry> clusters = new(StringComparer.Ordinal);
    // Events stored since the start, per cluster and kind, in the order first seen: counters, kept
    // after a cluster is forgotten.
    private readonly Dictionary<(string Cluster, string Kind), long> eventCounts = [];
    private readonly List<(string Cluster, string Kind)> eventKinds = [];
    private readonly ICollectorStore store;
    private readonly TimeProvider clock;

    public ClusterRegistry(ICollectorStore store, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(store);
        this.store = store;
        this.clock = clock;
    }

    public void Restore(IReadOnlyList<StoredReport> latest)
    {
        ArgumentNullException.ThrowIfNull(latest);
        lock (gate)
        {
            foreach (var stored in latest)
            {
                Remember(EntryFor(stored.Report.Cluster), stored.Report, stored.ReceivedAt);
            }

            foreach (var entry in clusters.Values)
            {
                Evaluate(entry, emitEvents: false);
            }
        }
    }

    public void Apply(AgentReport report, DateTimeOffset receivedAt)
    {
        ArgumentNullException.ThrowIfNull(report);
        lock (gate)
        {
            var entry = EntryFor(report.Cluster);
            Remember(entry, report, receivedAt);
            Evaluate(entry, emitEvents: true);
        }
    }

    /// <summary>Re-judges every cluster at the current time.</summary>
    public void Tick()
    {
        lock (gate)
        {
            var now = clock.GetUtcNow();
            foreach (var entry in clusters.Values.ToList())
            {
                foreach (var (id, agent) in entry.Agents.ToList())
                {
                    if (now - agent.ReceivedAt > ForgetAfter)
                    {
                        entry.Agents.Remove(id);
                    }
                }

                if (entry.Agents.Count == 0)
                {
                    clusters.Remove(entry.Name);
                    continue;
                }

                Evaluate(entry, emitEvents: true);
            }
        }
    }

    public IReadOnlyList<ClusterStatus> Statuses()
    {
        lock (gate)
        {
            return clusters.Values.Where(e => e.Status is not null).Select(e => e.Status!).OrderBy(s => s.Name, StringComparer.Ordinal).ToList();
        }
    }

    public ClusterStatus? Status(string cluster)
    {
        lock (gate)
        {
            return clusters.TryGetValue(cluster, out var e) ? e.Status : null;
        }
    }

    /// <summary>Every cluster's status with the leader changes seen since the start, in the order the clusters appeared.</summary>
    public IReadOnlyList<(ClusterStatus Status, long LeaderChanges)> StatusesWithLeaderChanges()
    {
        lock (gate)
        {
            return clusters.Values.Where(e => e.Status is not null).Select(e => (e.Status!, e.LeaderChanges)).ToList();
        }
    }

    /// <summary>Events stored since the start, per cluster and kind, in the order each was first seen.</summary>
    public IReadOnlyList<(string Cluster, string Kind, long Count)> EventCounts()
    {
        lock (gate)
        {
            return eventKinds.Select(k => (k.Cluster, k.Kind, eventCounts[k])).ToList();
        }
    }

    /// <summary>Each up agent's LXD metrics text, for re-export with cluster and member labels.</summary>
    public IReadOnlyList<(string Cluster, string Member, string Text)> LxdMetricsTexts()
    {
        lock (gate)
        {
            var now = clock.GetUtcNow();
            return clusters.Values
                .SelectMany(e => e.Agents.Values
                    .Where(a => a.IsUp(now) && a.Report.Instances?.MetricsText is { Length: > 0 })
                    .Select(a => (e.Name, a.Report.Member ?? a.Report.AgentId, a.Report.Instances!.MetricsText!)))
                .OrderBy(t => t.Item1, StringComparer.Ordinal)
                .ThenBy(t => t.Item2, StringComparer.Ordinal)
                .ToList();
        }
    }

    /// <summary>One cluster's status, the leader changes and its events by kind seen since the start; null for a cluster without a status.</summary>
    public (ClusterStatus Status, long LeaderChanges, IReadOnlyList<(string Kind, long Count)> Events)? StatusWithCounts(string cluster)
    {
        lock (gate)
        {
            if (!clusters.TryGetValue(cluster, out var e) || e.Status is null)
            {
                return null;
            }

            return (e.Status, e.LeaderChanges, eventKinds.Where(k => k.Cluster == cluster).Select(k => (k.Kind, eventCounts[k])).ToList());
        }
    }

    private Entry EntryFor(string cluster)
    {
        if (!clusters.TryGetValue(cluster, out var entry))
        {
            clusters[cluster] = entry = new Entry(cluster);
        }

        return entry;
    }

    private static void Remember(Entry entry, AgentReport report, DateTimeOffset receivedAt)
    {
        entry.Agents[report.AgentId] = new AgentSnapshot(report, receivedAt);
        if (report.Global is { } global && (entry.LastGlobal is null || report.CollectedAt >= entry.LastGlobal.CollectedAt))
        {
            entry.LastGlobal = new KnownGlobal(global, report.CollectedAt, report.AgentId);
        }
    }

    private void Evaluate(Entry entry, bool emitEvents)
    {
        var status = ClusterStatusBuilder.Build(entry.Name, entry.Agents.Values.ToList(), entry.LastGlobal, clock.GetUtcNow());
        if (emitEvents)
        {
            var events = EventDetector.Diff(entry.Status, status, entry.LastLeader);
            if (events.Count > 0)
            {
                entry.LeaderChanges += events.Count(e => e.Kind == "leader-changed");
                store.AppendEvents(events);
                Count(events);
            }
        }

        entry.LastLeader = status.Quorum.Leader ?? entry.LastLeader;
        entry.Status = status;
    }

    private void Count(IReadOnlyList<ClusterEvent> events)
    {
        foreach (var e in events)
        {
            var key = (e.Cluster, e.Kind);
            if (!eventCounts.TryGetValue(key, out var count))
            {
                eventKinds.Add(key);
            }

            eventCounts[key] = count + 1;
        }
    }

    private sealed class Entry(string name)
    {
        public string Name { get; } = name;

        public Dictionary<string, AgentSnapshot> Agents { get; } = new(StringComparer.Ordinal);

        public KnownGlobal? LastGlobal { get; set; }

        public ClusterStatus? Status { get; set; }

        public string? LastLeader { get; set; }

        public long LeaderChanges { get; set; }
    }
}
