using LxdScope.Agent.Sources;
using LxdScope.Collector.Storage;
using LxdScope.Collector.Tests.Support;
using Microsoft.Extensions.Time.Testing;
using static LxdScope.Collector.Tests.Support.Mirrors;
using static LxdScope.Testing.LxdDatabases;

namespace LxdScope.Collector.Tests.Storage;

/// <summary>The mirrors' history, run against each store (SQLite and PostgreSQL subclasses).</summary>
public abstract class CollectorStoreMirrorContractTests
{
    private protected static readonly DateTimeOffset T0 = TestCollector.Start;
    private readonly ContentTracker tracker = new();

    private protected FakeTimeProvider Time { get; } = new(T0);

    /// <summary>Opens the store of this test (no retention at record time); called again, it opens the same database.</summary>
    private protected abstract ICollectorStore Open();

    private protected abstract int ApplyRetention(ICollectorStore store);

    [Fact]
    public void Mirror_survives_a_restart_with_its_history()
    {
        using var global = Global();
        var store = Open();
        using ((IDisposable)store)
        {
            Record(store, 1, T0, Content(global, tracker, T0));
            Execute(global, "UPDATE nodes SET name = 'renamed' WHERE id = 1");
            Record(store, 2, T0.AddHours(1), Content(global, tracker, T0.AddHours(1)));
        }

        var reopened = Open();
        using var closing = (IDisposable)reopened;
        Assert.Equal([T0.AddHours(1), T0], reopened.MirrorVersions("alpha", "global", "", 10));
        var before = reopened.Mirror("alpha", "global", "", T0.AddMinutes(30), withRows: true)!;
        var after = reopened.Mirror("alpha", "global", "", null, withRows: true)!;
        Assert.Contains("node1", System.Text.Encoding.UTF8.GetString(before.Tables.Single(t => t.Name == "nodes").Rows!), StringComparison.Ordinal);
        Assert.Contains("renamed", System.Text.Encoding.UTF8.GetString(after.Tables.Single(t => t.Name == "nodes").Rows!), StringComparison.Ordinal);
        Assert.Equal(T0.AddHours(1), after.ConfirmedAt);
    }

    [Fact]
    public void Retention_drops_superseded_versions_but_keeps_the_one_in_effect_at_the_cutoff()
    {
        using var global = Global();
        var store = Open();
        using var closing = (IDisposable)store;
        Record(store, 1, T0, Content(global, tracker, T0));
        Execute(global, "UPDATE nodes SET name = 'second' WHERE id = 1");
        Record(store, 2, T0.AddDays(1), Content(global, tracker, T0.AddDays(1)));
        Execute(global, "UPDATE nodes SET name = 'third' WHERE id = 1");
        Record(store, 3, T0.AddDays(9), Content(global, tracker, T0.AddDays(9)));

        Time.SetUtcNow(T0.AddDays(10)); // cutoff at day 3: day 1's version is still in effect then
        ApplyRetention(store);

        // T0 stays a version because the other tables' first versions are still in effect.
        Assert.Equal([T0.AddDays(9), T0.AddDays(1), T0], store.MirrorVersions("alpha", "global", "", 10));
        Assert.DoesNotContain(store.Mirror("alpha", "global", "", T0, withRows: false)!.Tables, t => t.Name == "nodes");
        var atCutoff = store.Mirror("alpha", "global", "", T0.AddDays(3), withRows: true)!;
        Assert.Contains("second", System.Text.Encoding.UTF8.GetString(atCutoff.Tables.Single(t => t.Name == "nodes").Rows!), StringComparison.Ordinal);
        // Tables that never changed keep their only version, however old.
        Assert.Contains(atCutoff.Tables, t => t.Name == "config" && t.ValidFrom == T0);
    }

    [Fact]
    public void A_dropped_table_disappears_from_later_snapshots_only()
    {
        using var global = Global();
        var store = Open();
        using var closing = (IDisposable)store;
        Record(store, 1, T0, Content(global, tracker, T0));
        Execute(global, "DROP TABLE warnings");
        Record(store, 2, T0.AddHours(1), Content(global, tracker, T0.AddHours(1)));

        Assert.Contains(store.Mirror("alpha", "global", "", T0, withRows: false)!.Tables, t => t.Name == "warnings");
        Assert.DoesNotContain(store.Mirror("alpha", "global", "", null, withRows: false)!.Tables, t => t.Name == "warnings");
    }

    private static void Record(ICollectorStore store, long sequence, DateTimeOffset at, Contracts.DatabaseContent global)
    {
        var report = Report("agent-1", "node1", sequence, at, null, global);
        Assert.Equal(IngestOutcome.Accepted, store.Record(report, Reports.Json(report), at).Outcome);
    }
}
