using System.Diagnostics;
using LxdScope.Collector.State;
using LxdScope.Collector.Storage;
using LxdScope.Collector.Tests.Support;

namespace LxdScope.Collector.Tests.State;

public sealed class FeedStateUpdaterTests
{
    [Fact]
    public async Task Reports_stored_by_another_collector_reach_this_collectors_sink_in_feed_order()
    {
        await using var first = await TestCollector.StartAsync(storage: StorageKinds.Postgres);
        await using var second = await TestCollector.StartAsync(storage: StorageKinds.Postgres, sharedDatabase: first.PostgresConnectionString);

        for (var sequence = 1; sequence <= 5; sequence++)
        {
            await Responses.AssertOk(await (sequence % 2 == 0 ? second : first).PostAsync(Reports.Valid(sequence: sequence)));
        }

        // Each collector applies all five, its own and the other's, in the same order.
        var clock = Stopwatch.StartNew();
        while (second.Sink.Calls.Count < 5 && clock.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(20);
        }

        Assert.Equal([1L, 2L, 3L, 4L, 5L], first.Sink.Calls.Select(c => c.Report.Sequence));
        Assert.Equal([1L, 2L, 3L, 4L, 5L], second.Sink.Calls.Select(c => c.Report.Sequence));
        Assert.True((await Responses.AssertOk(await second.PostAsync(Reports.Valid(sequence: 3)))).Duplicate);
        Assert.True(first.Service<IStateUpdater>().Follows);
    }

    [Fact]
    public async Task A_restarted_collector_restores_then_follows_from_the_snapshot_without_repeats()
    {
        await using var running = await TestCollector.StartAsync(storage: StorageKinds.Postgres);
        await Responses.AssertOk(await running.PostAsync(Reports.Valid(sequence: 1)));
        await Responses.AssertOk(await running.PostAsync(Reports.Valid(sequence: 2)));

        await using var joining = await TestCollector.StartAsync(storage: StorageKinds.Postgres, sharedDatabase: running.PostgresConnectionString);
        await Responses.AssertOk(await running.PostAsync(Reports.Valid(sequence: 3)));
        var clock = Stopwatch.StartNew();
        while (joining.Sink.Calls.Count < 2 && clock.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(20);
        }

        // The latest report from the snapshot, then only what came after it.
        Assert.Equal([2L, 3L], joining.Sink.Calls.Select(c => c.Report.Sequence));
    }

    [Fact]
    public async Task With_sqlite_ingest_applies_reports_itself()
    {
        await using var collector = await TestCollector.StartAsync(storage: StorageKinds.Sqlite);

        await Responses.AssertOk(await collector.PostAsync(Reports.Valid(sequence: 1)));

        Assert.False(collector.Service<IStateUpdater>().Follows);
        Assert.Equal(1L, Assert.Single(collector.Sink.Calls).Report.Sequence);
    }
}
