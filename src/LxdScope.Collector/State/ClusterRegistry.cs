using LxdScope.Collector.Storage;
using LxdScope.Contracts;

namespace LxdScope.Collector.State;

/// <summary>
/// Every cluster's agents and their merged status: the one place where reports become state and
/// events (metrics read it at scrape time). A report only replaces its agent's snapshot and marks
/// its cluster changed; the cluster is judged again by the next tick or the next read, whichever
/// comes first, so the reports of a second cost one judgement, not one each. The tick also judges
/// a cluster whose next deadline has come (an agent's lease running out, a heartbeat passing the
/// offline threshold), since staleness happens without any report arriving, and leaves the others
/// alone. Events are stored after the state lock is released, in the order they were derived: a
/// read or a report never waits on the database while another holds the state.
/// </summary>
public sealed class ClusterRegistry : IReportSink
{
    /// <summary>An agent silent this long is forgotten, and its series with it.</summary>
    internal static readonly TimeSpan ForgetAfter = TimeSpan.FromHours(24);

    /// <summary>A read judges again a status older than this, so that the ages it shows are current.</summary>
    internal static readonly TimeSpan FreshFor = TimeSpan.FromSeconds(1);

    /// <summary>A cluster with no deadline and no report is still judged this often, for what no deadline foresees.</summary>
    internal static readonly TimeSpan JudgeAtLeastEvery = TimeSpan.FromSeconds(10);

    private readonly object gate = new();
    private readonly Dictionary<string, Entry> clusters = new(StringComparer.Ordinal);
    // Events stored since the start, per cluster and kind, in the order first seen: counters, kept
    // after a cluster is forgotten.
    private readonly Dictionary<(string Cluster, string Kind), long> eventCounts = [];
    private readonly List<(string Cluster, string Kind)> eventKinds = [];
    private readonly ICollectorStore store;
    private readonly TimeProvider clock;
    // Events derived and not yet stored, oldest first (under gate); one thread stores at a time
    // (under storing), so every cluster's events reach the store in the order they were derived.
    private readonly Queue<ClusterEvent> unstored = new();
    private readonly Lock storing = new();
    private long judgements;

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

    public void Adopt(string cluster, IReadOnlyList<StoredReport> latest)
    {
        ArgumentNullException.ThrowIfNull(latest);
        lock (gate)
        {
            clusters.Remove(cluster);
            if (latest.Count == 0)
            {
                return;
            }

            var entry = EntryFor(cluster);
            foreach (var stored in latest)
            {
                Remember(entry, stored.Report, stored.ReceivedAt);
                entry.LastReportAt = entry.LastReportAt > stored.ReceivedAt ? entry.LastReportAt : stored.ReceivedAt;
            }

            Evaluate(entry, emitEvents: false);
        }
    }

    public void Forget(string cluster)
    {
        lock (gate)
        {
            clusters.Remove(cluster);
        }
    }

    public void Apply(AgentReport report, DateTimeOffset receivedAt)
    {
        ArgumentNullException.ThrowIfNull(report);
        lock (gate)
        {
            var entry = EntryFor(report.Cluster);
            Remember(entry, report, receivedAt);
            entry.Changed = true;
            entry.LastReportAt = entry.LastReportAt > receivedAt ? entry.LastReportAt : receivedAt;
        }
    }

    /// <summary>Judges again every cluster that changed or has a deadline due, forgets agents silent for <see cref="ForgetAfter"/>, and stores the events.</summary>
    /// <exception cref="StoreUnavailableException">Events could not be stored: they wait, in order, for the next tick or read.</exception>
    public void Tick()
    {
        TickState();
        StoreEvents();
    }

    private void TickState()
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

                if (entry.Changed || now >= entry.Due)
                {
                    Evaluate(entry, emitEvents: true);
                }
            }
        }
    }

    /// <summary>Clusters judged since the start: what the state costs, next to the reports taken.</summary>
    internal long Judgements => Interlocked.Read(ref judgements);

    internal IReadOnlyList<ClusterStatus> Statuses() =>
        Read(() => Current().Select(e => e.Status!).OrderBy(s => s.Name, StringComparer.Ordinal).ToList());

    internal ClusterStatus? Status(string cluster) =>
        Read(() => clusters.TryGetValue(cluster, out var e) ? Current(e) : null);

    /// <summary>Every cluster's status with the leader changes seen since the start, in the order the clusters appeared.</summary>
    internal IReadOnlyList<(ClusterStatus Status, long LeaderChanges)> StatusesWithLeaderChanges() =>
        Read(() => Current().Select(e => (e.Status!, e.LeaderChanges)).ToList());

    /// <summary>Events stored since the start, per cluster and kind, in the order each was first seen.</summary>
    internal IReadOnlyList<(string Cluster, string Kind, long Count)> EventCounts()
    {
        Read(() => Current().Count);
        lock (gate)
        {
            return eventKinds.Select(k => (k.Cluster, k.Kind, eventCounts[k])).ToList();
        }
    }

    /// <summary>Each up agent's LXD metrics text, for re-export with cluster and member labels.</summary>
    internal IReadOnlyList<(string Cluster, string Member, string Text)> LxdMetricsTexts()
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

    /// <summary>One cluster's status (judged again first, as <see cref="Status"/> does), the leader changes and its events by kind seen since the start; null for a cluster without a status.</summary>
    internal (ClusterStatus Status, long LeaderChanges, IReadOnlyList<(string Kind, long Count)> Events)? StatusWithCounts(string cluster)
    {
        if (Status(cluster) is not { } status)
        {
            return null;
        }

        lock (gate)
        {
            // Counted once stored: the events of the judgement just made are in.
            var leaderChanges = clusters.TryGetValue(cluster, out var e) ? e.LeaderChanges : 0;
            return (status, leaderChanges, eventKinds.Where(k => k.Cluster == cluster).Select(k => (k.Kind, eventCounts[k])).ToList());
        }
    }

    /// <summary>
    /// Runs <paramref name="judge"/> under the state lock, then stores the events it derived. A
    /// reader is answered even when the store cannot take them: they wait for the next tick.
    /// </summary>
    private T Read<T>(Func<T> judge)
    {
        T result;
        lock (gate)
        {
            result = judge();
        }

        try
        {
            StoreEvents();
        }
        catch (StoreUnavailableException)
        {
            // Kept in order; the tick retries and the store's health says why.
        }

        return result;
    }

    /// <summary>Stores the events derived so far, oldest first, outside the state lock.</summary>
    /// <exception cref="StoreUnavailableException">They stay queued, in order.</exception>
    private void StoreEvents()
    {
        lock (storing)
        {
            List<ClusterEvent> batch;
            lock (gate)
            {
                if (unstored.Count == 0)
                {
                    return;
                }

                batch = [.. unstored];
            }

            store.AppendEvents(batch);
            lock (gate)
            {
                // Only this thread takes from the queue: what was stored is still at its head.
                for (var i = 0; i < batch.Count; i++)
                {
                    unstored.Dequeue();
                }

                Count(batch);
            }
        }
    }

    /// <summary>Every cluster with a status, each judged again first when a report changed it or its status is no longer fresh.</summary>
    private List<Entry> Current()
    {
        var list = new List<Entry>(clusters.Count);
        foreach (var entry in clusters.Values)
        {
            if (Current(entry) is not null)
            {
                list.Add(entry);
            }
        }

        return list;
    }

    private ClusterStatus? Current(Entry entry)
    {
        if (entry.Status is { } status && !entry.Changed && clock.GetUtcNow() - status.EvaluatedAt < FreshFor)
        {
            return status;
        }

        Evaluate(entry, emitEvents: true);
        return entry.Status;
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

    private ClusterStatus Judge(Entry entry)
    {
        Interlocked.Increment(ref judgements);
        return ClusterStatusBuilder.Build(entry.Name, entry.Agents.Values.ToList(), entry.LastGlobal, clock.GetUtcNow());
    }

    private void Evaluate(Entry entry, bool emitEvents)
    {
        var status = Judge(entry);
        if (emitEvents)
        {
            // Judged because reports came: what changed came with them, so the events say when
            // the newest arrived, not when the tick or a read got to it (up to a second later);
            // or when a deadline passed, if that was after it.
            var seenAt = !entry.Changed ? (DateTimeOffset?)null
                : entry.Deadline <= status.EvaluatedAt && entry.Deadline > entry.LastReportAt ? entry.Deadline
                : entry.LastReportAt;
            foreach (var e in EventDetector.Diff(entry.Status, status, entry.LastLeader, seenAt))
            {
                entry.LeaderChanges += e.Kind == "leader-changed" ? 1 : 0;
                unstored.Enqueue(e);
            }
        }

        entry.LastLeader = status.Quorum.Leader ?? entry.LastLeader;
        entry.Status = status;
        entry.Changed = false;
        entry.Deadline = Deadlines.Next(status.EvaluatedAt, entry.Agents.Values, status);
        var look = status.EvaluatedAt + JudgeAtLeastEvery;
        entry.Due = entry.Deadline < look ? entry.Deadline : look;
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

        /// <summary>A report arrived since <see cref="Status"/> was judged.</summary>
        public bool Changed { get; set; }

        /// <summary>When the newest report arrived.</summary>
        public DateTimeOffset LastReportAt { get; set; }

        /// <summary>When <see cref="Status"/> may change with no report arriving.</summary>
        public DateTimeOffset Deadline { get; set; } = DateTimeOffset.MaxValue;

        /// <summary>When the tick judges it again with no report arriving: <see cref="Deadline"/>, or <see cref="JudgeAtLeastEvery"/> after the last judgement.</summary>
        public DateTimeOffset Due { get; set; }
    }
}
