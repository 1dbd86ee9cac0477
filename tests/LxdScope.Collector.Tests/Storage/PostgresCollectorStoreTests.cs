using System.Diagnostics;
using LxdScope.Collector.Storage;
using LxdScope.Collector.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace LxdScope.Collector.Tests.Storage;

/// <summary>The store contract on a real PostgreSQL, and what sharing it between collectors adds.</summary>
public sealed class PostgresCollectorStoreTests : CollectorStoreContractTests
{
    private readonly string connectionString = PostgresServer.Shared.CreateDatabase("store");

    [Fact]
    public async Task Open_creates_the_schema_once_when_collectors_start_together()
    {
        var stores = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => Open())));
        foreach (var store in stores)
        {
            Assert.True(store.IsReady());
            store.Dispose();
        }

        Assert.Equal(1L, Scalar("SELECT count(*) FROM lxdscope_schema"));
        Assert.Equal(PostgresCollectorStore.SchemaVersion, (int)Scalar("SELECT version FROM lxdscope_schema")!);
    }

    [Fact]
    public void A_database_of_the_previous_schema_gains_the_console_audit_and_keeps_its_reports()
    {
        using (var store = Open())
        {
            Record(store, Reports.Valid(sequence: 7));
        }

        // Back to schema 1: without what versions 2 (the console's audit) and 3 (the feed's cluster, leases) added.
        Scalar("DROP TABLE console_audit");
        Scalar("ALTER TABLE report_feed DROP COLUMN cluster");
        Scalar("DROP TABLE cluster_leases");
        Scalar("UPDATE lxdscope_schema SET version = 1");

        using var upgraded = Open();
        upgraded.RecordConsoleQuery(new(TestCollector.Start, "ops", LxdScope.Collector.Audit.ConsoleRequestKind.Query, "alpha", "global", null, "SELECT 1", null, 1, LxdScope.Collector.Audit.ConsoleOutcome.Ok, null));

        Assert.Equal([7L], upgraded.Sequences("agent-1", "epoch-1"));
        Assert.Single(upgraded.ConsoleQueries(null, 10));
        // A feed row from before names no cluster: a partitioned follower parses it to learn it.
        Assert.Null(Assert.Single(upgraded.ReportsAfter(0, 10)).Cluster);
        Record(upgraded, Reports.Valid(sequence: 8));
        Assert.Equal("alpha", upgraded.ReportsAfter(0, 10)[1].Cluster);
        Assert.Equal(PostgresCollectorStore.SchemaVersion, (int)Scalar("SELECT version FROM lxdscope_schema")!);
        Assert.Equal(1L, Scalar("SELECT count(*) FROM lxdscope_schema"));
    }

    [Fact]
    public async Task Same_reports_sent_to_two_collectors_are_each_accepted_once()
    {
        using var first = Open();
        using var second = Open();

        var outcomes = await Task.WhenAll(new[] { first, second }.Select(store => Task.Run(() =>
            Enumerable.Range(1, 200).Select(sequence => Record(store, Reports.Valid(sequence: sequence))).ToList())));

        for (var i = 0; i < 200; i++)
        {
            Assert.Equal(1, outcomes.Count(o => o[i] == IngestOutcome.Accepted));
        }

        Assert.Equal(Enumerable.Range(1, 200).Select(s => (long)s), second.Sequences("agent-1", "epoch-1"));
        Assert.Equal(200, first.ReportsAfter(0, 1000).Count);
    }

    [Fact]
    public async Task Batches_of_the_same_agents_in_opposite_orders_on_two_collectors_each_accept_a_report_once()
    {
        using var first = Open();
        using var second = Open();
        PendingReport Pending(string agent, int sequence)
        {
            var report = Reports.Valid(agentId: agent, sequence: sequence);
            return new(report, Reports.Json(report), TestCollector.Start);
        }

        // The shape that deadlocks when locks are taken in arrival order: each collector's batch
        // holds one agent's row the other's batch needs.
        var agents = Enumerable.Range(0, 8).Select(a => $"agent-{a}").ToList();
        var results = await Task.WhenAll(new[] { (first, agents), (second, Enumerable.Reverse(agents).ToList()) }.Select(side => Task.Run(() =>
            Enumerable.Range(1, 25).Select(sequence => side.Item1.RecordAll(side.Item2.Select(a => Pending(a, sequence)).ToList())).ToList())));

        foreach (var agent in agents)
        {
            Assert.Equal(Enumerable.Range(1, 25).Select(s => (long)s), first.Sequences(agent, "epoch-1"));
        }

        Assert.Equal(8 * 25, results.SelectMany(r => r).SelectMany(b => b).Count(r => r.Outcome == IngestOutcome.Accepted));
        // Within a batch the positions follow the order given.
        foreach (var batch in results[1])
        {
            var positions = batch.Where(r => r.Outcome == IngestOutcome.Accepted).Select(r => r.FeedPosition).ToList();
            Assert.Equal(positions.Order(), positions);
        }

        Assert.Equal(8 * 25, first.ReportsAfter(0, 1000).Count);
    }

    [Fact]
    public async Task Feed_positions_are_visible_in_order_while_collectors_write_concurrently()
    {
        using var first = Open();
        using var second = Open();
        using var reader = Open();
        using var stop = new CancellationTokenSource();
        var seen = new List<long>();
        var follow = Task.Run(() =>
        {
            // A follower that reads while writers commit must never see a position after a gap
            // that a later read fills in: it would skip that report for good.
            long position = 0;
            while (!stop.IsCancellationRequested || seen.Count < 400)
            {
                foreach (var next in reader.ReportsAfter(position, 50))
                {
                    seen.Add(next.Position);
                    position = next.Position;
                }
            }
        });

        await Task.WhenAll(Enumerable.Range(0, 4).Select(agent => Task.Run(() =>
        {
            var store = agent % 2 == 0 ? first : second;
            for (var sequence = 1; sequence <= 100; sequence++)
            {
                Assert.Equal(IngestOutcome.Accepted, Record(store, Reports.Valid(agentId: $"agent-{agent}", sequence: sequence)));
            }
        })));
        await stop.CancelAsync();
        await follow.WaitAsync(TimeSpan.FromSeconds(30));

        var all = reader.ReportsAfter(0, 1000).Select(r => r.Position).ToList();
        Assert.Equal(400, all.Count);
        Assert.Equal(all, seen);
        var (latest, position) = reader.Snapshot();
        Assert.Equal(4, latest.Count);
        Assert.Equal(all[^1], position);
    }

    [Fact]
    public void Events_derived_by_two_collectors_are_stored_once()
    {
        using var first = Open();
        using var second = Open();
        var t = TestCollector.Start;
        ClusterEvent[] timeline =
        [
            new("alpha", t, "member-offline", "node2", "node2 went from ONLINE to OFFLINE: no heartbeat."),
            new("alpha", t.AddSeconds(30), "member-online", "node2", "node2 went from OFFLINE to ONLINE: ok."),
            new("alpha", t.AddSeconds(60), "leader-changed", "node3", "Database leader changed from node1 to node3."),
            new("alpha", t.AddSeconds(90), "member-offline", "node2", "node2 went from ONLINE to OFFLINE: no heartbeat."),
        ];

        foreach (var e in timeline)
        {
            // Each collector derives the same event, a moment apart.
            first.AppendEvents([e]);
            second.AppendEvents([e with { Time = e.Time.AddMilliseconds(300) }]);
        }

        Assert.Equal(
            ["member-offline", "leader-changed", "member-online", "member-offline"],
            second.Events("alpha", 10).Select(e => e.Kind));
    }

    [Fact]
    public async Task Notification_wakes_a_waiting_collector_when_another_stores_a_report()
    {
        using var waiting = Open();
        using var storing = Open();
        // The first call only starts listening (and returns when nothing arrives).
        await waiting.WaitForReportsAsync(TimeSpan.FromMilliseconds(100), CancellationToken.None);

        var clock = Stopwatch.StartNew();
        var wait = waiting.WaitForReportsAsync(TimeSpan.FromSeconds(20), CancellationToken.None);
        Record(storing, Reports.Valid(sequence: 1));
        await wait;

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"woken after {clock.Elapsed}");
    }

    [Fact]
    public void Unreachable_database_is_store_unavailable_without_the_password()
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Port = 1, Password = "hunter2-secret", Timeout = 2 };

        var failure = Assert.Throws<StoreUnavailableException>(() => new PostgresCollectorStore(builder.ConnectionString, TimeSpan.FromDays(7), Time, NullLogger.Instance));

        Assert.Contains("cannot be reached", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", failure.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Lost_connections_are_store_unavailable_then_the_store_recovers()
    {
        using var store = Open();
        Record(store, Reports.Valid(sequence: 1));

        // What a PostgreSQL restart looks like to the pool: every idle connection is gone.
        Execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()");
        // The pooled connection is found dead on use: the report is refused (503, the agent keeps
        // it), nothing half-written, and the resend on a fresh connection is stored once.
        var failure = Assert.Throws<StoreUnavailableException>(() => Record(store, Reports.Valid(sequence: 2)));
        Assert.Contains("shutting down or was restarted", failure.Message, StringComparison.Ordinal);
        Assert.False(store.IsReady());
        Assert.Equal(IngestOutcome.Accepted, Record(store, Reports.Valid(sequence: 2)));
        Assert.True(store.IsReady());
        Assert.Equal([1L, 2L], store.Sequences("agent-1", "epoch-1"));
    }

    [Fact]
    public void Newer_schema_is_refused()
    {
        Open().Dispose();
        Execute("UPDATE lxdscope_schema SET version = 99");

        var failure = Assert.Throws<StoreUnavailableException>(() => Open());

        Assert.Contains("schema version 99", failure.Message, StringComparison.Ordinal);
    }

    private protected override PostgresCollectorStore Open(int retentionInterval = 1000) =>
        new(connectionString, TimeSpan.FromDays(7), Time, NullLogger.Instance, retentionInterval);

    private protected override int ApplyRetention(ICollectorStore store) => ((PostgresCollectorStore)store).ApplyRetention();

    private object? Scalar(string sql)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        return command.ExecuteScalar();
    }

    private void Execute(string sql) => Scalar(sql);
}
