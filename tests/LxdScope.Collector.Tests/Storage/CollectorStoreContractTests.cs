using LxdScope.Collector.Audit;
using LxdScope.Collector.Storage;
using LxdScope.Collector.Tests.Support;
using LxdScope.Contracts;
using Microsoft.Extensions.Time.Testing;

namespace LxdScope.Collector.Tests.Storage;

/// <summary>What every store must do, run against each store (SQLite and PostgreSQL subclasses).</summary>
public abstract class CollectorStoreContractTests
{
    private protected FakeTimeProvider Time { get; } = new(TestCollector.Start);

    /// <summary>Opens the store of this test; called again, it opens the same database.</summary>
    private protected abstract ICollectorStore Open(int retentionInterval = 1000);

    private protected abstract int ApplyRetention(ICollectorStore store);

    [Fact]
    public void Record_accepts_new_sequences_and_refuses_repeats()
    {
        var store = Open();
        using var closing = (IDisposable)store;

        Assert.Equal(IngestOutcome.Accepted, Record(store, Reports.Valid(sequence: 1)));
        Assert.Equal(IngestOutcome.Accepted, Record(store, Reports.Valid(sequence: 3)));
        Assert.Equal(IngestOutcome.Duplicate, Record(store, Reports.Valid(sequence: 3)));
        Assert.Equal(IngestOutcome.Duplicate, Record(store, Reports.Valid(sequence: 2)));

        Assert.Equal([1L, 3L], store.Sequences("agent-1", "epoch-1"));
        Assert.Equal(3, Assert.Single(store.LatestReports()).Report.Sequence);
    }

    [Fact]
    public void One_batch_records_each_report_as_if_alone_and_in_the_order_given()
    {
        var store = Open();
        using var closing = (IDisposable)store;
        Record(store, Reports.Valid(agentId: "b", sequence: 4));
        PendingReport Pending(AgentReport r) => new(r, Reports.Json(r), TestCollector.Start);

        var results = store.RecordAll([
            Pending(Reports.Valid(agentId: "a", sequence: 1)),
            Pending(Reports.Valid(agentId: "b", sequence: 4)), // recorded before this batch
            Pending(Reports.Valid(agentId: "a", sequence: 1) with { Member = "resent" }), // earlier in this batch
            Pending(Reports.Valid(agentId: "a", sequence: 2)),
            Pending(Reports.Valid(agentId: "b", sequence: 5)),
        ]);

        Assert.Equal(
            [IngestOutcome.Accepted, IngestOutcome.Duplicate, IngestOutcome.Duplicate, IngestOutcome.Accepted, IngestOutcome.Accepted],
            results.Select(r => r.Outcome));
        Assert.Equal([1L, 2L], store.Sequences("a", "epoch-1"));
        Assert.Equal([4L, 5L], store.Sequences("b", "epoch-1"));
        Assert.Equal([("a", 2L), ("b", 5L)], store.LatestReports().Select(l => (l.Report.AgentId, l.Report.Sequence)).OrderBy(l => l.AgentId));
        Assert.DoesNotContain(store.LatestReports(), l => l.Report.Member == "resent");
    }

    [Fact]
    public void Duplicate_changes_nothing()
    {
        var store = Open();
        using var closing = (IDisposable)store;
        Record(store, Reports.Valid(sequence: 5) with { Member = "first" });

        Record(store, Reports.Valid(sequence: 5) with { Member = "second" }, receivedAt: TestCollector.Start.AddMinutes(1));

        var latest = Assert.Single(store.LatestReports());
        Assert.Equal("first", latest.Report.Member);
        Assert.Equal(TestCollector.Start, latest.ReceivedAt);
    }

    [Fact]
    public void New_epoch_resets_the_sequence_space_and_a_resent_old_report_is_a_duplicate()
    {
        var store = Open();
        using var closing = (IDisposable)store;
        Record(store, Reports.Valid(epoch: "a", sequence: 10));

        Assert.Equal(IngestOutcome.Accepted, Record(store, Reports.Valid(epoch: "b", sequence: 1)));
        Assert.Equal(IngestOutcome.Duplicate, Record(store, Reports.Valid(epoch: "a", sequence: 10)));

        Assert.Equal([10L], store.Sequences("agent-1", "a"));
        Assert.Equal([1L], store.Sequences("agent-1", "b"));
        Assert.Equal("b", Assert.Single(store.LatestReports()).Report.Epoch);
    }

    [Fact]
    public void Reports_and_latest_survive_dispose_and_reopen()
    {
        var store = Open();
        using ((IDisposable)store)
        {
            for (var sequence = 1; sequence <= 50; sequence++)
            {
                Record(store, Reports.Valid(agentId: "a", sequence: sequence));
                Record(store, Reports.Valid(agentId: "b", epoch: "eb", sequence: sequence * 2));
            }
        }

        var reopened = Open();
        using var closing = (IDisposable)reopened;
        Assert.Equal(Enumerable.Range(1, 50).Select(s => (long)s), reopened.Sequences("a", "epoch-1"));
        Assert.Equal(Enumerable.Range(1, 50).Select(s => s * 2L), reopened.Sequences("b", "eb"));
        var latest = reopened.LatestReports();
        Assert.Equal(["a", "b"], latest.Select(r => r.Report.AgentId));
        Assert.Equal([50L, 100L], latest.Select(r => r.Report.Sequence));
        Assert.Equal(Reports.Valid(agentId: "a", sequence: 50).CollectedAt, latest[0].Report.CollectedAt);
        Assert.Equal(IngestOutcome.Duplicate, Record(reopened, Reports.Valid(agentId: "a", sequence: 50)));
    }

    [Fact]
    public void Latest_report_is_the_json_as_stored()
    {
        var store = Open();
        using var closing = (IDisposable)store;
        var report = Reports.Valid() with { Member = "node7", Address = "10.0.0.7:8443" };

        Record(store, report);

        var latest = Assert.Single(store.LatestReports()).Report;
        Assert.Equal("node7", latest.Member);
        Assert.Equal("10.0.0.7:8443", latest.Address);
        Assert.Equal(report.Self, latest.Self);
    }

    [Fact]
    public async Task Concurrent_records_are_each_counted_once()
    {
        var store = Open();
        using var closing = (IDisposable)store;

        await Task.WhenAll(Enumerable.Range(0, 8).Select(agent => Task.Run(() =>
        {
            for (var sequence = 1; sequence <= 100; sequence++)
            {
                Assert.Equal(IngestOutcome.Accepted, Record(store, Reports.Valid(agentId: $"agent-{agent}", sequence: sequence)));
                Assert.Equal(IngestOutcome.Duplicate, Record(store, Reports.Valid(agentId: $"agent-{agent}", sequence: sequence)));
            }
        })));

        for (var agent = 0; agent < 8; agent++)
        {
            Assert.Equal(Enumerable.Range(1, 100).Select(s => (long)s), store.Sequences($"agent-{agent}", "epoch-1"));
        }
    }

    [Fact]
    public void Events_are_returned_newest_first_per_cluster()
    {
        var store = Open();
        using var closing = (IDisposable)store;
        store.AppendEvents([
            new ClusterEvent("alpha", TestCollector.Start, "member-offline", "node2", "node2 missed its heartbeats"),
            new ClusterEvent("alpha", TestCollector.Start.AddMinutes(5), "member-online", "node2", "node2 is back"),
            new ClusterEvent("beta", TestCollector.Start, "quorum-lost", null, "1 of 3 voters"),
        ]);

        var alpha = store.Events("alpha", 10);

        Assert.Equal(["member-online", "member-offline"], alpha.Select(e => e.Kind));
        Assert.Equal(TestCollector.Start.AddMinutes(5), alpha[0].Time);
        Assert.Null(Assert.Single(store.Events("beta", 10)).Member);
        Assert.Single(store.Events("alpha", 1));
    }

    [Fact]
    public void Retention_deletes_old_log_rows_and_events_but_never_the_latest()
    {
        var store = Open(retentionInterval: int.MaxValue);
        using var closing = (IDisposable)store;
        for (var sequence = 1; sequence <= 3; sequence++)
        {
            Record(store, Reports.Valid(agentId: "old", sequence: sequence));
        }

        store.AppendEvents([new ClusterEvent("alpha", TestCollector.Start, "leader-changed", "node1", "old")]);
        Time.Advance(TimeSpan.FromDays(8));
        Record(store, Reports.Valid(agentId: "new", sequence: 1), Time.GetUtcNow());
        store.AppendEvents([new ClusterEvent("alpha", Time.GetUtcNow(), "leader-changed", "node2", "new")]);

        var deleted = ApplyRetention(store);

        Assert.Equal(3, deleted); // sequences 1 and 2 of "old", and the old event
        Assert.Equal([3L], store.Sequences("old", "epoch-1"));
        Assert.Equal([1L], store.Sequences("new", "epoch-1"));
        Assert.Equal(["new", "old"], store.LatestReports().Select(r => r.Report.AgentId));
        Assert.Equal("new", Assert.Single(store.Events("alpha", 10)).Message);
    }

    [Fact]
    public void Console_audit_records_are_kept_whole_and_read_newest_first_since_a_moment()
    {
        var store = Open();
        using var closing = (IDisposable)store;
        var ok = new ConsoleAuditRecord(TestCollector.Start, "ops", ConsoleRequestKind.Query, "alpha", "local", "node2",
            "SELECT * FROM config -- ünïcode", TestCollector.Start.AddHours(-1), 3, ConsoleOutcome.Ok, null);
        var refused = new ConsoleAuditRecord(TestCollector.Start.AddSeconds(1), "ops", ConsoleRequestKind.Query, "alpha", "global", null,
            "DELETE FROM nodes", null, null, ConsoleOutcome.Refused, "Query refused: not read-only");
        var error = new ConsoleAuditRecord(TestCollector.Start.AddSeconds(2), "ci", ConsoleRequestKind.Diff, "beta", "global", null,
            "from … to …", null, null, ConsoleOutcome.Error, "Query failed: no such table");

        store.RecordConsoleQuery(ok);
        store.RecordConsoleQuery(refused);
        store.RecordConsoleQuery(error);

        Assert.Equal([error, refused, ok], store.ConsoleQueries(null, 10));
        Assert.Equal([error, refused], store.ConsoleQueries(TestCollector.Start.AddSeconds(1), 10));
        Assert.Equal([error], store.ConsoleQueries(null, 1));
    }

    [Fact]
    public void Retention_deletes_old_console_audit_records()
    {
        var store = Open(retentionInterval: int.MaxValue);
        using var closing = (IDisposable)store;
        store.RecordConsoleQuery(new ConsoleAuditRecord(TestCollector.Start, "ops", ConsoleRequestKind.Query, "alpha", "global", null, "SELECT 1", null, 1, ConsoleOutcome.Ok, null));
        Time.Advance(TimeSpan.FromDays(8));
        store.RecordConsoleQuery(new ConsoleAuditRecord(Time.GetUtcNow(), "ops", ConsoleRequestKind.Query, "alpha", "global", null, "SELECT 2", null, 1, ConsoleOutcome.Ok, null));

        Assert.Equal(1, ApplyRetention(store));

        Assert.Equal("SELECT 2", Assert.Single(store.ConsoleQueries(null, 10)).Query);
    }

    [Fact]
    public void Retention_runs_every_nth_record()
    {
        var store = Open(retentionInterval: 2);
        using var closing = (IDisposable)store;
        Record(store, Reports.Valid(agentId: "old", sequence: 1));
        Time.Advance(TimeSpan.FromDays(8));

        Record(store, Reports.Valid(agentId: "old", sequence: 2), Time.GetUtcNow());

        Assert.Equal([2L], store.Sequences("old", "epoch-1"));
    }

    private protected static IngestOutcome Record(ICollectorStore store, AgentReport report, DateTimeOffset? receivedAt = null) =>
        store.Record(report, Reports.Json(report), receivedAt ?? TestCollector.Start).Outcome;
}
