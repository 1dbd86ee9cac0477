using LxdScope.Collector.Metrics;
using LxdScope.Collector.Mirrors;
using LxdScope.Collector.State;
using LxdScope.Collector.Storage;
using LxdScope.Contracts;
using Microsoft.Extensions.Time.Testing;
using static LxdScope.Testing.ClusterReports;

namespace LxdScope.Collector.Tests.State;

public sealed class ClusterRegistryTests
{
    [Fact]
    public void A_restart_restores_state_without_replaying_events_and_later_changes_still_make_events()
    {
        var store = new EventStore();
        var clock = new FakeTimeProvider(T0);
        var registry = new ClusterRegistry(store, clock);
        var healthy = HealthyGlobal(T0);

        registry.Restore(Names.Select(n => new StoredReport(Report(n, 7, T0, healthy), T0)).ToList());

        Assert.Empty(store.Appended);
        var status = Assert.Single(registry.Statuses());
        Assert.True(status.Quorum.HasQuorum);
        Assert.Equal(3, status.Members.Count(m => m.State == "ONLINE"));

        clock.Advance(TimeSpan.FromSeconds(31));
        registry.Tick();

        Assert.Equal(3, store.Appended.Count(e => e.Kind == "agent-silent"));
    }

    [Fact]
    public void Reports_of_a_second_cost_one_judgement_and_a_read_sees_every_one()
    {
        var clock = new FakeTimeProvider(T0);
        var registry = new ClusterRegistry(new EventStore(), clock);
        var healthy = HealthyGlobal(T0);

        foreach (var sequence in Enumerable.Range(1, 5))
        {
            foreach (var name in Names)
            {
                registry.Apply(Report(name, sequence, T0, healthy), T0);
            }
        }

        Assert.Equal(0, registry.Judgements);
        var status = Assert.Single(registry.Statuses());
        Assert.Equal([5L, 5L, 5L], status.Agents.Select(a => a.Sequence));
        Assert.Equal(1, registry.Judgements);
        registry.Tick();
        Assert.Equal(1, registry.Judgements);
    }

    [Fact]
    public void The_tick_judges_a_cluster_only_when_it_changed_or_a_deadline_came()
    {
        var store = new EventStore();
        var clock = new FakeTimeProvider(T0);
        var registry = new ClusterRegistry(store, clock);
        registry.Restore(Names.Select(n => new StoredReport(Report(n, 7, T0, HealthyGlobal(T0)), T0)).ToList());
        var judged = registry.Judgements;

        clock.Advance(TimeSpan.FromSeconds(5));
        registry.Tick();
        Assert.Equal(judged, registry.Judgements);

        // Nothing due before the agents' 30 s leases but the periodic look at 10 s.
        clock.Advance(TimeSpan.FromSeconds(6));
        registry.Tick();
        Assert.Equal(judged + 1, registry.Judgements);
        Assert.Empty(store.Appended);

        clock.Advance(TimeSpan.FromSeconds(19.5));
        registry.Tick();
        Assert.Equal(3, store.Appended.Count(e => e.Kind == "agent-silent"));
        Assert.Equal(judged + 2, registry.Judgements);
    }

    [Fact]
    public void An_event_a_report_brought_is_dated_when_the_report_arrived_not_when_the_tick_judged_it()
    {
        var store = new EventStore();
        var clock = new FakeTimeProvider(T0);
        var registry = new ClusterRegistry(store, clock);
        registry.Restore(Names.Select(n => new StoredReport(Report(n, 7, T0, HealthyGlobal(T0)), T0)).ToList());
        clock.Advance(TimeSpan.FromSeconds(31));
        registry.Tick();
        var back = clock.GetUtcNow();

        registry.Apply(Report("node1", 8, back, HealthyGlobal(back)), back);
        clock.Advance(TimeSpan.FromSeconds(0.9));
        registry.Tick();

        Assert.Equal(back, Assert.Single(store.Appended, e => e.Kind == "agent-back").Time);
    }

    [Fact]
    public void Events_the_store_cannot_take_wait_in_order_while_reads_are_answered()
    {
        var store = new EventStore { Down = true };
        var clock = new FakeTimeProvider(T0);
        var registry = new ClusterRegistry(store, clock);
        registry.Restore(Names.Select(n => new StoredReport(Report(n, 7, T0, HealthyGlobal(T0)), T0)).ToList());

        clock.Advance(TimeSpan.FromSeconds(31));
        Assert.Throws<StoreUnavailableException>(registry.Tick);
        Assert.All(Assert.Single(registry.Statuses()).Agents, a => Assert.False(a.Up));

        var back = clock.GetUtcNow();
        foreach (var name in Names)
        {
            registry.Apply(Report(name, 8, back, HealthyGlobal(back)), back);
        }

        Assert.All(Assert.Single(registry.Statuses()).Agents, a => Assert.True(a.Up));
        Assert.Empty(store.Appended);

        store.Down = false;
        registry.Tick();
        Assert.Equal(
            [.. Enumerable.Repeat("agent-silent", 3), .. Enumerable.Repeat("agent-back", 3)],
            store.Appended.Select(e => e.Kind));
    }

    [Fact]
    public async Task A_report_is_taken_while_the_store_is_slow_to_take_events()
    {
        using var release = new ManualResetEventSlim();
        var store = new EventStore { Hold = release };
        var clock = new FakeTimeProvider(T0);
        var registry = new ClusterRegistry(store, clock);
        registry.Restore(Names.Select(n => new StoredReport(Report(n, 7, T0, HealthyGlobal(T0)), T0)).ToList());
        clock.Advance(TimeSpan.FromSeconds(31));
        var tick = Task.Run(registry.Tick);
        Assert.True(store.Storing.Wait(TimeSpan.FromSeconds(10)));

        var back = clock.GetUtcNow();
        var apply = Task.Run(() => registry.Apply(Report("node1", 8, back, HealthyGlobal(back)), back));

        // Not stored yet, the report is nevertheless taken.
        Assert.Same(apply, await Task.WhenAny(apply, Task.Delay(TimeSpan.FromSeconds(10))));
        Assert.Empty(store.Appended);
        release.Set();
        await tick.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(3, store.Appended.Count(e => e.Kind == "agent-silent"));
    }

    private sealed class EventStore : ICollectorStore
    {
        public List<ClusterEvent> Appended { get; } = [];

        /// <summary>Appending fails as a database that is away does.</summary>
        public bool Down { get; set; }

        /// <summary>Appending waits for this, once <see cref="Storing"/> is set.</summary>
        public ManualResetEventSlim? Hold { get; init; }

        public ManualResetEventSlim Storing { get; } = new();

        public void AppendEvents(IReadOnlyList<ClusterEvent> events)
        {
            if (Down)
            {
                throw new StoreUnavailableException("Cannot append events to the test store: it is down.");
            }

            Storing.Set();
            Hold?.Wait();
            Appended.AddRange(events);
        }

        public IReadOnlyList<RecordResult> RecordAll(IReadOnlyList<PendingReport> reports) => reports.Select(_ => new RecordResult(IngestOutcome.Accepted, [])).ToList();

        public IReadOnlyList<StoredReport> LatestReports() => [];

        public Task<IReadOnlyList<ClusterEvent>> EventsAsync(string cluster, int limit, CancellationToken cancellationToken = default) => Task.FromResult<IReadOnlyList<ClusterEvent>>(Appended);

        public Task<IReadOnlyList<MirrorInfo>> MirrorsAsync(string cluster, CancellationToken cancellationToken = default) => Task.FromResult<IReadOnlyList<MirrorInfo>>([]);

        public Task<MirrorState?> MirrorAsync(string cluster, string database, string member, DateTimeOffset? asOf, bool withRows, CancellationToken cancellationToken = default) => Task.FromResult<MirrorState?>(null);

        public Task<IReadOnlyList<DateTimeOffset>> MirrorVersionsAsync(string cluster, string database, string member, int limit, CancellationToken cancellationToken = default) => Task.FromResult<IReadOnlyList<DateTimeOffset>>([]);

        public Task<long> MirrorGenerationAsync(string cluster, string database, string member, CancellationToken cancellationToken = default) => Task.FromResult<long>(0);

        public Task RecordConsoleQueryAsync(LxdScope.Collector.Audit.ConsoleAuditRecord record, CancellationToken cancellationToken = default) => Task.CompletedTask;

        public Task<IReadOnlyList<LxdScope.Collector.Audit.ConsoleAuditRecord>> ConsoleQueriesAsync(DateTimeOffset? since, int limit, CancellationToken cancellationToken = default) => Task.FromResult<IReadOnlyList<LxdScope.Collector.Audit.ConsoleAuditRecord>>([]);

        public Task<bool> IsReadyAsync(CancellationToken cancellationToken = default) => Task.FromResult<bool>(true);
    }
}
