using LxdScope.Contracts;
using LxdScope.Agent.Push;
using Microsoft.Extensions.Logging;

namespace LxdScope.Agent.Tests.Push;

public sealed class ReportPusherTests : IAsyncLifetime, IDisposable
{
    private static readonly TimeSpan Initial = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Max = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan Failback = TimeSpan.FromMinutes(2);

    private readonly TempDirectory _dir = new();
    private readonly ListLogger _log = new();
    private readonly HttpClient _http = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _running = [];
    private FakeCollector? _collector;
    private readonly List<FakeCollector> _others = [];

    public Task InitializeAsync() => Task.CompletedTask;

    /// <summary>Stops the pushers and the collector; xunit calls it before <see cref="Dispose"/>.</summary>
    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        foreach (var run in _running)
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        }

        if (_collector is not null)
        {
            await _collector.DisposeAsync();
        }

        foreach (var other in _others)
        {
            await other.DisposeAsync();
        }

        Assert.DoesNotContain(_log.Entries, e => e.Message.Contains(FakeCollector.Token, StringComparison.Ordinal));
    }

    public void Dispose()
    {
        _http.Dispose();
        _stop.Dispose();
        _dir.Dispose();
    }

    private ReportSpool OpenSpool() => ReportSpool.Open(new SpoolOptions { Directory = _dir.Path }, _log);

    private async Task<FakeCollector> StartCollectorAsync(int port = 0) => _collector = await FakeCollector.StartAsync(port);

    private async Task<FakeCollector> StartAnotherAsync(int port = 0)
    {
        var collector = await FakeCollector.StartAsync(port);
        _others.Add(collector);
        return collector;
    }

    private ReportPusher Pusher(
        ReportSpool spool, Uri url, TimeProvider time, string token = FakeCollector.Token, TimeSpan? requestTimeout = null) =>
        Pusher(spool, [url], time, token, requestTimeout);

    private ReportPusher Pusher(
        ReportSpool spool, IReadOnlyList<Uri> urls, TimeProvider time, string token = FakeCollector.Token, TimeSpan? requestTimeout = null) =>
        new(
            spool,
            _http,
            new PushOptions
            {
                CollectorUrls = urls,
                Token = token,
                InitialBackoff = Initial,
                MaxBackoff = Max,
                RequestTimeout = requestTimeout ?? TimeSpan.FromSeconds(10),
                FailbackAfter = Failback,
            },
            _log,
            time,
            new FixedRandom(0.5));

    private ReportPusher Start(ReportPusher pusher)
    {
        _running.Add(pusher.RunAsync(_stop.Token));
        return pusher;
    }

    [Fact]
    public async Task Reports_appended_while_the_collector_is_down_all_arrive_once_in_order_when_it_comes_up()
    {
        var port = FakeCollector.FreePort();
        var time = new ManualTimeProvider();
        var spool = OpenSpool();
        var pusher = Start(Pusher(spool, FakeCollector.UrlFor(port), time));

        var appended = spool.AppendMany(50);
        await Eventually.True(() => pusher.ConsecutiveFailures == 1 && time.PendingTimers == 1, "the first attempt was refused");
        var collector = await StartCollectorAsync(port);
        time.Advance(Max);
        await Eventually.True(() => spool.Depth == 0, "the spool is drained");

        Assert.Equal(appended, collector.Stored);
        Assert.Equal(50, collector.Requests.Count);
        Assert.Equal(50, pusher.SentTotal);
        Assert.Equal(0, pusher.DuplicateTotal);
        Assert.Equal(1, pusher.FailuresTotal);
        Assert.Equal(0, pusher.ConsecutiveFailures);
        Assert.Equal(time.GetUtcNow(), pusher.LastSuccess);
        Assert.Contains("refused", Assert.Single(_log.WithEvent(23)).Message, StringComparison.OrdinalIgnoreCase);
        Assert.Single(_log.WithEvent(25));
    }

    [Fact]
    public async Task Requests_carry_the_bearer_token_and_gzip_json()
    {
        var collector = await StartCollectorAsync();
        var spool = OpenSpool();
        var pusher = Start(Pusher(spool, collector.Url, new ManualTimeProvider()));

        spool.AppendNext();
        await Eventually.True(() => pusher.SentTotal == 1, "the report is acknowledged");

        var request = Assert.Single(collector.Requests);
        Assert.Equal("Bearer " + FakeCollector.Token, request.Authorization);
        Assert.Equal("application/json", request.ContentType);
        Assert.Equal("gzip", request.ContentEncoding);
        Assert.Equal(spool.Epoch, request.Report!.Epoch);
        Assert.Equal(1, request.Report.Sequence);
        Assert.NotNull(pusher.LastSuccess);
    }

    [Fact]
    public async Task An_unavailable_collector_is_retried_with_growing_backoff_and_the_report_delivered_once()
    {
        var collector = await StartCollectorAsync();
        var unavailable = 4;
        collector.Answer = _ => Interlocked.Decrement(ref unavailable) >= 0 ? new FakeAnswer(503, "Store unavailable.") : FakeAnswer.Store;
        var time = new ManualTimeProvider { AutoAdvance = true };
        var spool = OpenSpool();
        var pusher = Start(Pusher(spool, collector.Url, time));

        spool.AppendNext();
        await Eventually.True(() => spool.Depth == 0, "the report is delivered");

        // Full jitter at the fixed fraction 0.5 of a ceiling that doubles from 1 s.
        Assert.Equal([0.5, 1, 2, 4], time.Waits.Select(w => w.TotalSeconds));
        Assert.Equal([1L], collector.Stored);
        Assert.Equal(5, collector.Requests.Count);
        Assert.Equal(4, pusher.FailuresTotal);
        Assert.Equal(0, pusher.ConsecutiveFailures);
        Assert.Equal(1, pusher.SentTotal);
        Assert.Single(_log.WithEvent(23));
        Assert.Equal(3, _log.WithEvent(24).Count);
    }

    [Fact]
    public async Task Backoff_stops_growing_at_the_maximum()
    {
        var collector = await StartCollectorAsync();
        var unavailable = 9;
        collector.Answer = _ => Interlocked.Decrement(ref unavailable) >= 0 ? new FakeAnswer(500) : FakeAnswer.Store;
        var time = new ManualTimeProvider { AutoAdvance = true };
        var spool = OpenSpool();
        Start(Pusher(spool, collector.Url, time));

        spool.AppendNext();
        await Eventually.True(() => spool.Depth == 0, "the report is delivered");

        Assert.Equal([0.5, 1, 2, 4, 8, 16, 30, 30, 30], time.Waits.Select(w => w.TotalSeconds));
    }

    [Fact]
    public async Task A_duplicate_acknowledgement_removes_the_report()
    {
        var collector = await StartCollectorAsync();
        var spool = OpenSpool();
        var pusher = Start(Pusher(spool, collector.Url, new ManualTimeProvider()));
        spool.AppendNext();
        await Eventually.True(() => pusher.SentTotal == 1, "the first report is stored");

        // The same report again, as after a crash between acknowledgement and deletion.
        var (epoch, sequence) = spool.Reserve();
        spool.Append(sequence, ReportEncoding.Gzip(TestReports.Make(epoch, 1)));
        await Eventually.True(() => pusher.SentTotal == 2, "the copy is acknowledged");

        Assert.Equal(1, pusher.DuplicateTotal);
        Assert.Equal(0, spool.Depth);
        Assert.Equal([1L], collector.Stored);
    }

    [Fact]
    public async Task Permanent_rejections_remove_the_report_are_counted_by_status_and_later_reports_still_arrive()
    {
        var collector = await StartCollectorAsync();
        collector.Answer = report => report.Sequence switch
        {
            1 => new FakeAnswer(400, "Unknown contract version 7."),
            2 => new FakeAnswer(413, "Report larger than 4 MiB."),
            4 => new FakeAnswer(400, "Bad timestamps."),
            _ => FakeAnswer.Store,
        };
        var spool = OpenSpool();
        var pusher = Start(Pusher(spool, collector.Url, new ManualTimeProvider()));

        spool.AppendMany(5);
        await Eventually.True(() => spool.Depth == 0, "every report is settled");

        Assert.Equal([3L, 5], collector.Stored);
        Assert.Equal(new Dictionary<int, long> { [400] = 2, [413] = 1 }, pusher.RejectedTotal);
        Assert.Equal(2, pusher.SentTotal);
        Assert.Equal(0, pusher.FailuresTotal);
        var rejections = _log.WithEvent(21);
        Assert.Equal(3, rejections.Count);
        Assert.All(rejections, r => Assert.Equal(LogLevel.Error, r.Level));
        Assert.Contains("Unknown contract version 7.", rejections[0].Message, StringComparison.Ordinal);
        Assert.Contains("413", rejections[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Forbidden_is_a_permanent_rejection()
    {
        var collector = await StartCollectorAsync();
        collector.Answer = report => report.Sequence == 1 ? new FakeAnswer(403, "Token is for cluster other.") : FakeAnswer.Store;
        var spool = OpenSpool();
        var pusher = Start(Pusher(spool, collector.Url, new ManualTimeProvider()));

        spool.AppendMany(2);
        await Eventually.True(() => spool.Depth == 0, "every report is settled");

        Assert.Equal(new Dictionary<int, long> { [403] = 1 }, pusher.RejectedTotal);
        Assert.Equal([2L], collector.Stored);
    }

    [Fact]
    public async Task A_refused_token_keeps_the_report_and_retries_with_long_backoff_logged_once()
    {
        var collector = await StartCollectorAsync();
        var time = new ManualTimeProvider();
        var spool = OpenSpool();
        var pusher = Start(Pusher(spool, collector.Url, time, token: "old-token"));

        spool.AppendMany(2);
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            await Eventually.True(() => pusher.ConsecutiveFailures == attempt && time.PendingTimers == 1, $"attempt {attempt} is refused");
            Assert.Equal(2, spool.Depth);
            time.Advance(Max);
        }

        await Eventually.True(() => pusher.ConsecutiveFailures == 4 && time.PendingTimers == 1, "attempt 4 is refused");

        Assert.Empty(collector.Stored);
        Assert.All(collector.Requests, r => Assert.Equal(1, r.Report!.Sequence));
        Assert.Equal(4, pusher.FailuresTotal);
        Assert.Empty(pusher.RejectedTotal);
        // Half the maximum plus a jittered half: 45 s at the fixed fraction 0.5.
        Assert.All(time.Waits, w => Assert.Equal(45, w.TotalSeconds));
        var loud = Assert.Single(_log.WithEvent(22));
        Assert.Equal(LogLevel.Error, loud.Level);
        Assert.Empty(_log.WithEvent(23));
    }

    [Fact]
    public async Task Reports_kept_through_a_refused_token_are_delivered_in_order_once_it_is_accepted()
    {
        var collector = await StartCollectorAsync();
        var refusals = 2;
        collector.Answer = _ => Interlocked.Decrement(ref refusals) >= 0 ? new FakeAnswer(401, "Unknown token.") : FakeAnswer.Store;
        var time = new ManualTimeProvider { AutoAdvance = true };
        var spool = OpenSpool();
        var pusher = Start(Pusher(spool, collector.Url, time));

        var appended = spool.AppendMany(3);
        await Eventually.True(() => spool.Depth == 0, "the spool is drained");

        Assert.Equal(appended, collector.Stored);
        Assert.Equal(2, pusher.FailuresTotal);
        Assert.Single(_log.WithEvent(22));
    }

    [Fact]
    public async Task A_collector_that_does_not_answer_in_time_is_a_transient_failure()
    {
        var collector = await StartCollectorAsync();
        collector.Delay = TimeSpan.FromSeconds(5);
        var time = new ManualTimeProvider();
        var spool = OpenSpool();
        var pusher = Start(Pusher(spool, collector.Url, time, requestTimeout: TimeSpan.FromMilliseconds(200)));

        spool.AppendNext();
        await Eventually.True(() => pusher.ConsecutiveFailures == 1 && time.PendingTimers == 1, "the request timed out");
        collector.Delay = TimeSpan.Zero;
        time.Advance(Max);
        await Eventually.True(() => spool.Depth == 0, "the retry is delivered");

        Assert.Contains("no answer within 0.2 s", Assert.Single(_log.WithEvent(23)).Message, StringComparison.Ordinal);
        Assert.Equal([1L], collector.Stored);
    }

    [Fact]
    public async Task Torn_and_leftover_files_found_at_startup_are_set_aside_and_the_rest_delivered()
    {
        var first = OpenSpool();
        first.AppendMany(4);
        var torn = _dir.File(ReportSpool.ReportFileName(2));
        File.WriteAllBytes(torn, File.ReadAllBytes(torn)[..30]);
        File.WriteAllBytes(_dir.File(ReportSpool.ReportFileName(5) + ".tmp"), [0x1f, 0x8b]);

        var collector = await StartCollectorAsync();
        var spool = OpenSpool();
        var pusher = Start(Pusher(spool, collector.Url, new ManualTimeProvider()));
        await Eventually.True(() => spool.Depth == 0, "the spool is drained");

        Assert.Equal([1L, 3, 4], collector.Stored);
        Assert.Equal(1, spool.QuarantinedTotal);
        Assert.True(File.Exists(torn + ReportSpool.QuarantineSuffix));
        Assert.Empty(Directory.GetFiles(_dir.Path, "*.tmp"));
        Assert.Equal(3, pusher.SentTotal);
    }

    [Fact]
    public async Task After_a_kill_the_reports_still_waiting_are_resumed_in_order_and_numbering_goes_on()
    {
        var collector = await StartCollectorAsync();
        collector.Answer = report => report.Sequence <= 3 ? FakeAnswer.Store : new FakeAnswer(503);
        var before = OpenSpool();
        using var killed = new CancellationTokenSource();
        var firstRun = Pusher(before, collector.Url, new ManualTimeProvider()).RunAsync(killed.Token);
        before.AppendMany(10);
        await Eventually.True(() => collector.Stored.Count == 3 && collector.Requests.Count >= 4, "3 reports are stored and the 4th refused");

        // The process dies: the old spool and pusher are simply abandoned, mid-backoff, with a
        // write of the next report cut short.
        await killed.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => firstRun);
        File.WriteAllBytes(_dir.File(ReportSpool.ReportFileName(11) + ".tmp"), [0x1f]);
        collector.Answer = _ => FakeAnswer.Store;

        var after = OpenSpool();
        Assert.Equal(before.Epoch, after.Epoch);
        Assert.Equal(7, after.Depth);
        var pusher = Start(Pusher(after, collector.Url, new ManualTimeProvider()));
        var next = after.AppendNext();
        await Eventually.True(() => after.Depth == 0, "the spool is drained");

        Assert.Equal(11, next);
        Assert.Equal(Enumerable.Range(1, 11).Select(i => (long)i), collector.Stored);
        Assert.Equal(8, pusher.SentTotal);
    }

    [Fact]
    public async Task With_the_first_collector_down_reports_go_to_the_second_at_once_without_waiting()
    {
        var second = await StartCollectorAsync();
        var time = new ManualTimeProvider();
        var spool = OpenSpool();
        var pusher = Start(Pusher(spool, [FakeCollector.UrlFor(FakeCollector.FreePort()), second.Url], time));

        var appended = spool.AppendMany(20);
        await Eventually.True(() => spool.Depth == 0, "the spool is drained through the second collector");

        Assert.Equal(appended, second.Stored);
        Assert.Empty(time.Waits);
        Assert.Equal(1, pusher.FailuresTotal);
        Assert.Equal(1, pusher.FailoversTotal);
        Assert.Equal(new Uri(second.Url, "api/v1/reports"), pusher.Target);
        var failover = Assert.Single(_log.WithEvent(27));
        Assert.Contains(second.Url.Authority, failover.Message, StringComparison.Ordinal);
        Assert.Empty(_log.WithEvent(23)); // nothing waits, so nothing is "failing"
    }

    [Fact]
    public async Task The_first_collector_gets_the_reports_back_once_it_returns_and_failback_time_has_passed()
    {
        var firstPort = FakeCollector.FreePort();
        var second = await StartCollectorAsync();
        var time = new ManualTimeProvider();
        var spool = OpenSpool();
        var pusher = Start(Pusher(spool, [FakeCollector.UrlFor(firstPort), second.Url], time));
        spool.AppendMany(5);
        await Eventually.True(() => spool.Depth == 0, "the first five reach the second collector");

        var first = await StartAnotherAsync(firstPort);
        spool.AppendMany(2);
        await Eventually.True(() => spool.Depth == 0, "before failback time the second collector keeps them");
        time.Advance(Failback);
        spool.AppendMany(3);
        await Eventually.True(() => spool.Depth == 0, "after it the first collector has them");

        Assert.Equal([1L, 2, 3, 4, 5, 6, 7], second.Stored);
        Assert.Equal([8L, 9, 10], first.Stored);
        Assert.Contains(first.Url.Authority, Assert.Single(_log.WithEvent(28)).Message, StringComparison.Ordinal);
        Assert.Equal(10, pusher.SentTotal);
    }

    [Fact]
    public async Task Only_a_whole_round_of_failed_collectors_waits_and_the_backoff_grows_per_round()
    {
        var first = await StartCollectorAsync();
        var second = await StartAnotherAsync();
        var refusals = 6;
        FakeAnswer Busy(AgentReport _) => Interlocked.Decrement(ref refusals) >= 0 ? new FakeAnswer(503, "Store unavailable.") : FakeAnswer.Store;
        first.Answer = Busy;
        second.Answer = Busy;
        var time = new ManualTimeProvider { AutoAdvance = true };
        var spool = OpenSpool();
        var pusher = Start(Pusher(spool, [first.Url, second.Url], time));

        spool.AppendNext();
        await Eventually.True(() => spool.Depth == 0, "the report is delivered");

        // Six refusals alternate between the two; a wait only after each pair, doubling per round.
        Assert.Equal([0.5, 1, 2], time.Waits.Select(w => w.TotalSeconds));
        Assert.Equal(4, first.Requests.Count);
        Assert.Equal(3, second.Requests.Count);
        Assert.Equal([1L], first.Stored);
        Assert.Empty(second.Stored);
        Assert.Equal(6, pusher.FailuresTotal);
        Assert.Single(_log.WithEvent(23));
    }

    [Fact]
    public async Task Running_twice_at_once_is_refused()
    {
        var pusher = Start(Pusher(OpenSpool(), FakeCollector.UrlFor(FakeCollector.FreePort()), new ManualTimeProvider()));

        await Assert.ThrowsAsync<InvalidOperationException>(() => pusher.RunAsync(CancellationToken.None));
    }

    [Fact]
    public void Invalid_options_are_refused()
    {
        var options = new PushOptions { CollectorUrls = [new Uri("ftp://collector/")], Token = "" };

        Assert.Throws<ArgumentException>(() => new ReportPusher(OpenSpool(), _http, options));
    }

    [Theory]
    [InlineData("{\"type\":\"about:blank\",\"title\":\"Bad Request\",\"status\":400,\"detail\":\"Unknown contract version 7.\"}", "Unknown contract version 7.")]
    [InlineData("{\"title\":\"Payload Too Large\",\"status\":413}", "Payload Too Large")]
    [InlineData("<html>bad gateway</html>", "<html>bad gateway</html>")]
    [InlineData("", "(no body)")]
    public void The_problem_detail_is_what_operators_read(string body, string expected)
    {
        Assert.Equal(expected, ReportPusher.ProblemDetail(System.Text.Encoding.UTF8.GetBytes(body)));
    }
}
