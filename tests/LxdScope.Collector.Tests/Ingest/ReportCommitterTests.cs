using LxdScope.Collector.Ingest;
using LxdScope.Collector.State;
using LxdScope.Collector.Storage;
using LxdScope.Collector.Tests.Support;
using LxdScope.Contracts;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace LxdScope.Collector.Tests.Ingest;

public sealed class ReportCommitterTests : IDisposable
{
    private readonly TempDirectory directory = new();
    private readonly RecordingSink sink = new();
    private readonly BatchStore store;

    public ReportCommitterTests()
    {
        store = new BatchStore(new SqliteCollectorStore(directory.File("collector.db"), TimeSpan.FromDays(7), TimeProvider.System, NullLogger.Instance));
    }

    public void Dispose()
    {
        store.Dispose();
        directory.Dispose();
    }

    [Fact]
    public async Task Reports_arriving_together_share_commits_and_each_agent_reaches_the_state_in_order()
    {
        using var committer = Committer(TimeSpan.FromMilliseconds(5));

        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(agent => Task.Run(async () =>
        {
            var outcomes = new List<IngestOutcome>();
            for (var sequence = 1; sequence <= 20; sequence++)
            {
                outcomes.Add((await committer.RecordAsync(Pending($"agent-{agent}", sequence), CancellationToken.None)).Outcome);
            }

            return outcomes;
        })));

        Assert.All(results.SelectMany(r => r), o => Assert.Equal(IngestOutcome.Accepted, o));
        Assert.Equal(16 * 20, store.Recorded);
        // 16 agents sending at once cannot have needed a commit per report.
        Assert.True(store.Batches < 16 * 20 / 2, $"{store.Batches} commits for {16 * 20} reports");
        for (var agent = 0; agent < 16; agent++)
        {
            Assert.Equal(Enumerable.Range(1, 20).Select(s => (long)s), sink.Calls.Where(c => c.Report.AgentId == $"agent-{agent}").Select(c => c.Report.Sequence));
            Assert.Equal(Enumerable.Range(1, 20).Select(s => (long)s), store.Inner.Sequences($"agent-{agent}", "epoch-1"));
        }
    }

    [Fact]
    public async Task A_duplicate_is_answered_as_one_and_does_not_reach_the_state()
    {
        using var committer = Committer(TimeSpan.Zero);
        await committer.RecordAsync(Pending("a", 1), CancellationToken.None);

        var again = await committer.RecordAsync(Pending("a", 1), CancellationToken.None);

        Assert.Equal(IngestOutcome.Duplicate, again.Outcome);
        Assert.Single(sink.Calls);
    }

    [Fact]
    public async Task A_report_that_fails_for_itself_does_not_fail_the_others_of_its_batch()
    {
        store.FailFor = "poison";
        using var committer = Committer(TimeSpan.FromMilliseconds(50));

        var poison = committer.RecordAsync(Pending("poison", 1), CancellationToken.None);
        var good = committer.RecordAsync(Pending("good", 1), CancellationToken.None);

        await Assert.ThrowsAsync<InvalidOperationException>(() => poison);
        Assert.Equal(IngestOutcome.Accepted, (await good).Outcome);
        Assert.Equal([1L], store.Inner.Sequences("good", "epoch-1"));
        Assert.Empty(store.Inner.Sequences("poison", "epoch-1"));
        Assert.Equal(["good"], sink.Calls.Select(c => c.Report.AgentId));
    }

    [Fact]
    public async Task A_store_that_cannot_write_refuses_every_report_of_the_batch()
    {
        store.Unavailable = true;
        using var committer = Committer(TimeSpan.FromMilliseconds(50));

        var all = Enumerable.Range(1, 3).Select(s => committer.RecordAsync(Pending("a", s), CancellationToken.None)).ToList();

        foreach (var one in all)
        {
            await Assert.ThrowsAsync<StoreUnavailableException>(() => one);
        }

        Assert.Empty(sink.Calls);
        store.Unavailable = false;
        Assert.Equal(IngestOutcome.Accepted, (await committer.RecordAsync(Pending("a", 1), CancellationToken.None)).Outcome);
    }

    [Theory]
    [InlineData(-1, 256, "MaxWait")]
    [InlineData(101, 256, "MaxWait")]
    [InlineData(0, 0, "MaxReports")]
    public void Settings_out_of_range_are_refused_with_the_key(int waitMs, int maxReports, string key)
    {
        var options = new GroupCommitOptions { MaxWait = TimeSpan.FromMilliseconds(waitMs), MaxReports = maxReports };
        var failures = new List<string>();

        options.Validate(failures);

        Assert.Contains($"Collector:GroupCommit:{key}", Assert.Single(failures), StringComparison.Ordinal);
    }

    private ReportCommitter Committer(TimeSpan maxWait)
    {
        var options = new CollectorOptions();
        options.GroupCommit.MaxWait = maxWait;
        return new ReportCommitter(store, new DirectStateUpdater(store, sink), Options.Create(options), NullLogger<ReportCommitter>.Instance);
    }

    private static PendingReport Pending(string agent, long sequence)
    {
        var report = Reports.Valid(agentId: agent, sequence: sequence);
        return new PendingReport(report, Reports.Json(report), TestCollector.Start);
    }

    /// <summary>A real store that counts its transactions and can fail one agent's reports, or all.</summary>
    private sealed class BatchStore(SqliteCollectorStore inner) : ICollectorStore, IDisposable
    {
        private int batches;
        private int recorded;

        public SqliteCollectorStore Inner => inner;

        public int Batches => batches;

        public int Recorded => recorded;

        public string? FailFor { get; set; }

        public bool Unavailable { get; set; }

        public IReadOnlyList<RecordResult> RecordAll(IReadOnlyList<PendingReport> reports)
        {
            if (Unavailable)
            {
                throw new StoreUnavailableException("Cannot record reports in /test: the disk holding the database is full.");
            }

            if (reports.Any(r => r.Report.AgentId == FailFor))
            {
                throw new InvalidOperationException("This report cannot be recorded.");
            }

            var results = inner.RecordAll(reports);
            Interlocked.Increment(ref batches);
            Interlocked.Add(ref recorded, results.Count(r => r.Outcome == IngestOutcome.Accepted));
            return results;
        }

        public IReadOnlyList<StoredReport> LatestReports() => inner.LatestReports();

        public void AppendEvents(IReadOnlyList<ClusterEvent> events) => inner.AppendEvents(events);

        public Task<IReadOnlyList<ClusterEvent>> EventsAsync(string cluster, int limit, CancellationToken cancellationToken = default) => inner.EventsAsync(cluster, limit, cancellationToken);

        public Task<IReadOnlyList<LxdScope.Collector.Mirrors.MirrorInfo>> MirrorsAsync(string cluster, CancellationToken cancellationToken = default) => inner.MirrorsAsync(cluster, cancellationToken);

        public Task<LxdScope.Collector.Mirrors.MirrorState?> MirrorAsync(string cluster, string database, string member, DateTimeOffset? asOf, bool withRows, CancellationToken cancellationToken = default) => inner.MirrorAsync(cluster, database, member, asOf, withRows, cancellationToken);

        public Task<long> MirrorGenerationAsync(string cluster, string database, string member, CancellationToken cancellationToken = default) => inner.MirrorGenerationAsync(cluster, database, member, cancellationToken);

        public Task<IReadOnlyList<DateTimeOffset>> MirrorVersionsAsync(string cluster, string database, string member, int limit, CancellationToken cancellationToken = default) => inner.MirrorVersionsAsync(cluster, database, member, limit, cancellationToken);

        public Task RecordConsoleQueryAsync(LxdScope.Collector.Audit.ConsoleAuditRecord record, CancellationToken cancellationToken = default) => inner.RecordConsoleQueryAsync(record, cancellationToken);

        public Task<IReadOnlyList<LxdScope.Collector.Audit.ConsoleAuditRecord>> ConsoleQueriesAsync(DateTimeOffset? since, int limit, CancellationToken cancellationToken = default) => inner.ConsoleQueriesAsync(since, limit, cancellationToken);

        public Task<bool> IsReadyAsync(CancellationToken cancellationToken = default) => inner.IsReadyAsync(cancellationToken);

        public void Dispose() => inner.Dispose();
    }
}
