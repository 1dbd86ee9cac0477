using System.Net;
using System.Text;
using LxdScope.Collector.Ingest;
using LxdScope.Collector.Storage;
using LxdScope.Collector.Tests.Support;
using LxdScope.Contracts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LxdScope.Collector.Tests.Ingest;

public sealed class IngestApiTests
{
    [Fact]
    public async Task Valid_report_is_stored_passed_to_the_sink_and_acknowledged()
    {
        await using var collector = await TestCollector.StartAsync();
        var report = Reports.Valid(sequence: 1);

        var answer = await Responses.AssertOk(await collector.PostAsync(report));

        Assert.Equal(new IngestResponse("agent-1", 1, Duplicate: false, Clamped: false), answer with { ResendContent = [], SendGlobalContent = false });
        Assert.Empty(answer.ResendContent);
        var (applied, receivedAt) = Assert.Single(collector.Sink.Calls);
        Assert.Equal(report, applied with { Collectors = report.Collectors });
        Assert.Equal(TestCollector.Start, receivedAt);
        var store = collector.Service<ICollectorStore>();
        Assert.Equal([1L], store.Sequences("agent-1", "epoch-1"));
        Assert.Equal("agent-1", Assert.Single(store.LatestReports()).Report.AgentId);
        Assert.Equal(1, collector.Service<IngestCounters>().Accepted);
    }

    [Fact]
    public async Task Accepted_reports_leave_nothing_in_the_log()
    {
        // The log is the operator's journal: a fleet pushes thousands of reports a minute.
        var logs = new CapturingLoggerProvider();
        await using var collector = await TestCollector.StartAsync(b => b.Logging.AddProvider(logs));
        var before = logs.Lines.Count;

        for (var sequence = 1; sequence <= 5; sequence++)
        {
            await Responses.AssertOk(await collector.PostAsync(Reports.Valid(sequence: sequence)));
        }

        Assert.DoesNotContain(logs.Lines.Skip(before), l => l.StartsWith("Information", StringComparison.Ordinal) || l.StartsWith("Warning", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Uncompressed_report_is_accepted()
    {
        await using var collector = await TestCollector.StartAsync();

        var answer = await Responses.AssertOk(await collector.PostAsync(Reports.Json(Reports.Valid()), encoding: null));

        Assert.False(answer.Duplicate);
        var identity = await Responses.AssertOk(await collector.PostAsync(Reports.Json(Reports.Valid(sequence: 2)), encoding: "identity"));
        Assert.False(identity.Duplicate);
    }

    [Fact]
    public async Task Response_is_snake_case_json()
    {
        await using var collector = await TestCollector.StartAsync();

        var response = await collector.PostAsync(Reports.Valid());

        Assert.Equal("""{"agent_id":"agent-1","sequence":1,"duplicate":false,"clamped":false,"send_global_content":false,"resend_content":[]}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Push_without_token_is_rejected()
    {
        await using var collector = await TestCollector.StartAsync();

        var response = await collector.PostAsync(Reports.Gzip(Reports.Valid()), token: null);

        await Responses.AssertProblem(response, HttpStatusCode.Unauthorized);
        Assert.Equal("Bearer", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
        Assert.Empty(collector.Sink.Calls);
        Assert.Equal(1, collector.Service<IngestCounters>().Rejected[IngestRejectReason.Unauthorized]);
    }

    [Fact]
    public async Task Push_with_unknown_token_is_rejected()
    {
        await using var collector = await TestCollector.StartAsync();

        var response = await collector.PostAsync(Reports.Gzip(Reports.Valid()), token: "guessed");

        await Responses.AssertProblem(response, HttpStatusCode.Unauthorized);
        Assert.Equal("Bearer", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
        Assert.Empty(collector.Service<ICollectorStore>().Sequences("agent-1", "epoch-1"));
    }

    [Fact]
    public async Task Push_with_another_scheme_is_rejected()
    {
        await using var collector = await TestCollector.StartAsync();
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/reports") { Content = new ByteArrayContent(Reports.Json(Reports.Valid())) };
        request.Headers.TryAddWithoutValidation("Authorization", "Basic " + TestCollector.Token);

        await Responses.AssertProblem(await collector.Client.SendAsync(request), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Token_of_another_cluster_is_forbidden()
    {
        await using var collector = await TestCollector.StartAsync();

        var response = await collector.PostAsync(Reports.Valid(cluster: TestCollector.Cluster), token: TestCollector.OtherToken);

        var detail = await Responses.AssertProblem(response, HttpStatusCode.Forbidden);
        Assert.Contains("alpha", detail, StringComparison.Ordinal);
        Assert.Empty(collector.Sink.Calls);
        Assert.Empty(collector.Service<ICollectorStore>().Sequences("agent-1", "epoch-1"));
    }

    [Fact]
    public async Task Malformed_json_is_a_bad_request_naming_the_problem()
    {
        await using var collector = await TestCollector.StartAsync();

        var detail = await Responses.AssertProblem(await collector.PostAsync(Reports.Gzip("{\"agent_id\": 5}")), HttpStatusCode.BadRequest);

        Assert.Contains("$.agent_id", detail, StringComparison.Ordinal);
        Assert.Equal(1, collector.Service<IngestCounters>().Rejected[IngestRejectReason.MalformedJson]);
    }

    [Theory]
    [InlineData("\"self\":{", "\"self\":null,\"x\":{")] // null where the contract has no null
    [InlineData("\"collectors\":[", "\"collectors\":[{\"name\":\"local\"},")] // a record missing constructor parameters
    [InlineData("\"agent_id\":", "\"agent_id\":\"x\",\"agent_id\":")] // a repeated key
    public async Task Contract_violations_the_type_system_would_miss_are_malformed(string find, string replace)
    {
        await using var collector = await TestCollector.StartAsync();
        var json = System.Text.Encoding.UTF8.GetString(Reports.Json(Reports.Valid()));
        Assert.Contains(find, json, StringComparison.Ordinal);

        var response = await collector.PostAsync(Reports.Gzip(json.Replace(find, replace, StringComparison.Ordinal)));

        await Responses.AssertProblem(response, HttpStatusCode.BadRequest);
        Assert.Empty(collector.Sink.Calls);
    }

    [Fact]
    public async Task Missing_required_fields_are_named()
    {
        await using var collector = await TestCollector.StartAsync();

        var detail = await Responses.AssertProblem(await collector.PostAsync(Reports.Gzip("{\"version\": 1}")), HttpStatusCode.BadRequest);

        Assert.Contains("agent_id", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_null_is_a_bad_request()
    {
        await using var collector = await TestCollector.StartAsync();

        await Responses.AssertProblem(await collector.PostAsync(Reports.Gzip("null")), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Huge_string_is_not_echoed_back()
    {
        await using var collector = await TestCollector.StartAsync();
        var huge = new string('x', 1_000_000);

        var detail = await Responses.AssertProblem(await collector.PostAsync(Reports.Gzip($"{{\"agent_id\": \"{huge}\", \"sequence\": \"{huge}\"}}")), HttpStatusCode.BadRequest);

        Assert.DoesNotContain("xxxxxxxxxx", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Truncated_gzip_is_a_bad_request()
    {
        await using var collector = await TestCollector.StartAsync();
        var gzip = Reports.Gzip(Reports.Valid());

        foreach (var length in new[] { gzip.Length - 1, gzip.Length - 8, gzip.Length / 2, 10, 1 })
        {
            var detail = await Responses.AssertProblem(await collector.PostAsync(gzip[..length]), HttpStatusCode.BadRequest);
            Assert.Contains("gzip", detail, StringComparison.Ordinal);
        }

        Assert.Empty(collector.Sink.Calls);
    }

    [Fact]
    public async Task Corrupt_gzip_is_a_bad_request()
    {
        await using var collector = await TestCollector.StartAsync();
        var gzip = Reports.Gzip(Reports.Valid());
        gzip[gzip.Length / 2] ^= 0xff;
        gzip[(gzip.Length / 2) + 1] ^= 0xff;

        var detail = await Responses.AssertProblem(await collector.PostAsync(gzip), HttpStatusCode.BadRequest);

        Assert.Contains("gzip", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Body_that_is_not_gzip_is_a_bad_request()
    {
        await using var collector = await TestCollector.StartAsync();

        var detail = await Responses.AssertProblem(await collector.PostAsync(Reports.Json(Reports.Valid())), HttpStatusCode.BadRequest);

        Assert.Contains("not gzip", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Gzip_bomb_is_too_large_without_exhausting_memory()
    {
        await using var collector = await TestCollector.StartAsync(extraSettings: "\"MaxDecompressedBytes\": 1048576");
        // 200 MiB of zeros compresses to ~200 KB.
        var bomb = Reports.Gzip(new byte[200 * 1024 * 1024], System.IO.Compression.CompressionLevel.SmallestSize);
        Assert.True(bomb.Length < 1024 * 1024);

        var detail = await Responses.AssertProblem(await collector.PostAsync(bomb), HttpStatusCode.RequestEntityTooLarge);

        Assert.Contains("decompressed", detail, StringComparison.Ordinal);
        Assert.Equal(1, collector.Service<IngestCounters>().Rejected[IngestRejectReason.TooLarge]);
    }

    [Fact]
    public async Task Oversize_body_is_too_large()
    {
        await using var collector = await TestCollector.StartAsync(extraSettings: "\"MaxReportBytes\": 4096");

        var declared = await collector.PostAsync(new byte[4097]);
        await Responses.AssertProblem(declared, HttpStatusCode.RequestEntityTooLarge);

        // Without a Content-Length the limit holds while reading.
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/reports") { Content = new StreamContent(new UnseekableStream(new byte[100_000])) };
        request.Headers.Authorization = new("Bearer", TestCollector.Token);
        await Responses.AssertProblem(await collector.Client.SendAsync(request), HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task Unsupported_content_encoding_is_refused()
    {
        await using var collector = await TestCollector.StartAsync();

        await Responses.AssertProblem(await collector.PostAsync(Reports.Gzip(Reports.Valid()), encoding: "br"), HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task Wrong_version_is_a_bad_request()
    {
        await using var collector = await TestCollector.StartAsync();

        var detail = await Responses.AssertProblem(await collector.PostAsync(Reports.Valid() with { Version = 2 }), HttpStatusCode.BadRequest);

        Assert.Contains("version 2", detail, StringComparison.Ordinal);
        Assert.Equal(1, collector.Service<IngestCounters>().Rejected[IngestRejectReason.Invalid]);
    }

    [Theory]
    [InlineData("", "alpha", "e", 1, "agent_id is empty")]
    [InlineData("   ", "alpha", "e", 1, "agent_id is empty")]
    [InlineData("a\u0000b", "alpha", "e", 1, "agent_id contains")]
    [InlineData("a\u202Eb", "alpha", "e", 1, "agent_id contains")]
    [InlineData("a", "", "e", 1, "cluster is empty")]
    [InlineData("a", "alpha", "", 1, "epoch is empty")]
    [InlineData("a", "alpha", "e\n", 1, "epoch contains")]
    [InlineData("a", "alpha", "e", 0, "sequence must be 1 or more")]
    [InlineData("a", "alpha", "e", -5, "sequence must be 1 or more")]
    public async Task Invalid_identifiers_and_sequences_are_bad_requests(string agentId, string cluster, string epoch, long sequence, string expected)
    {
        await using var collector = await TestCollector.StartAsync();

        var detail = await Responses.AssertProblem(
            await collector.PostAsync(Reports.Valid(agentId, cluster, epoch, sequence)),
            HttpStatusCode.BadRequest);

        Assert.Contains(expected, detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Identifier_longer_than_128_characters_is_a_bad_request()
    {
        await using var collector = await TestCollector.StartAsync();

        await Responses.AssertOk(await collector.PostAsync(Reports.Valid(agentId: new string('a', 128))));
        var detail = await Responses.AssertProblem(await collector.PostAsync(Reports.Valid(agentId: new string('a', 129))), HttpStatusCode.BadRequest);

        Assert.Contains("longer than 128", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Null_collectors_and_self_are_bad_requests()
    {
        await using var collector = await TestCollector.StartAsync();
        var json = Encoding.UTF8.GetString(Reports.Json(Reports.Valid()));

        var noCollectors = json.Replace("\"collectors\":[{\"name\":\"local\",\"success\":true,\"duration_seconds\":0.01,\"error\":null}]", "\"collectors\":null", StringComparison.Ordinal);
        Assert.NotEqual(json, noCollectors);
        var detail = await Responses.AssertProblem(await collector.PostAsync(Reports.Gzip(noCollectors)), HttpStatusCode.BadRequest);
        Assert.Contains("collectors", detail, StringComparison.Ordinal);

        var nullCollector = json.Replace("\"collectors\":[{", "\"collectors\":[null,{", StringComparison.Ordinal);
        detail = await Responses.AssertProblem(await collector.PostAsync(Reports.Gzip(nullCollector)), HttpStatusCode.BadRequest);
        Assert.Contains("collectors[0]", detail, StringComparison.Ordinal);

        var noSelf = json[..json.IndexOf(",\"self\":", StringComparison.Ordinal)] + ",\"self\":null}";
        detail = await Responses.AssertProblem(await collector.PostAsync(Reports.Gzip(noSelf)), HttpStatusCode.BadRequest);
        Assert.Contains("self", detail, StringComparison.Ordinal);
        Assert.Empty(collector.Sink.Calls);
    }

    [Fact]
    public async Task Replayed_sequence_is_a_duplicate_not_passed_on()
    {
        await using var collector = await TestCollector.StartAsync();
        var report = Reports.Valid(sequence: 7);
        await Responses.AssertOk(await collector.PostAsync(report));

        var again = await Responses.AssertOk(await collector.PostAsync(report));

        Assert.True(again.Duplicate);
        Assert.Single(collector.Sink.Calls);
        Assert.Equal([7L], collector.Service<ICollectorStore>().Sequences("agent-1", "epoch-1"));
        var counters = collector.Service<IngestCounters>();
        Assert.Equal(1, counters.Accepted);
        Assert.Equal(1, counters.Duplicates);
    }

    [Fact]
    public async Task Older_sequence_is_a_duplicate()
    {
        await using var collector = await TestCollector.StartAsync();
        await Responses.AssertOk(await collector.PostAsync(Reports.Valid(sequence: 10)));

        var older = await Responses.AssertOk(await collector.PostAsync(Reports.Valid(sequence: 9)));

        Assert.True(older.Duplicate);
        Assert.Equal(10, Assert.Single(collector.Sink.Calls).Report.Sequence);
        Assert.Equal(10, Assert.Single(collector.Service<ICollectorStore>().LatestReports()).Report.Sequence);
    }

    [Fact]
    public async Task New_epoch_restarts_the_sequence()
    {
        await using var collector = await TestCollector.StartAsync();
        await Responses.AssertOk(await collector.PostAsync(Reports.Valid(epoch: "epoch-1", sequence: 500)));

        var restarted = await Responses.AssertOk(await collector.PostAsync(Reports.Valid(epoch: "epoch-2", sequence: 1)));
        var next = await Responses.AssertOk(await collector.PostAsync(Reports.Valid(epoch: "epoch-2", sequence: 2)));

        Assert.False(restarted.Duplicate);
        Assert.False(next.Duplicate);
        Assert.Equal([500L, 1L, 2L], collector.Sink.Calls.Select(c => c.Report.Sequence));
        var store = collector.Service<ICollectorStore>();
        Assert.Equal([1L, 2L], store.Sequences("agent-1", "epoch-2"));
        Assert.Equal("epoch-2", Assert.Single(store.LatestReports()).Report.Epoch);
    }

    [Theory]
    [InlineData(6.0)] // minutes in the future, beyond the 5-minute skew
    [InlineData(-60.0 * 24 * 8)] // 8 days in the past
    [InlineData(60.0 * 24 * 365 * 100)] // a century ahead
    public async Task Absurd_timestamps_are_clamped_and_flagged(double minutesFromNow)
    {
        await using var collector = await TestCollector.StartAsync();
        var report = Reports.Valid(at: TestCollector.Start.AddMinutes(minutesFromNow));

        var answer = await Responses.AssertOk(await collector.PostAsync(report));

        Assert.True(answer.Clamped);
        var applied = Assert.Single(collector.Sink.Calls).Report;
        Assert.Equal(TestCollector.Start, applied.CollectedAt);
        Assert.Equal(TestCollector.Start, applied.StartedAt);
        Assert.Equal(TestCollector.Start, Assert.Single(collector.Service<ICollectorStore>().LatestReports()).Report.CollectedAt);
        Assert.Equal(1, collector.Service<IngestCounters>().Clamped);
    }

    [Fact]
    public async Task Timestamps_within_the_skew_and_age_are_kept()
    {
        await using var collector = await TestCollector.StartAsync();
        var late = Reports.Valid(sequence: 1, at: TestCollector.Start.AddDays(-6));
        var early = Reports.Valid(sequence: 2, at: TestCollector.Start.AddMinutes(4)) with { StartedAt = TestCollector.Start.AddMinutes(4) };

        Assert.False((await Responses.AssertOk(await collector.PostAsync(late))).Clamped);
        Assert.False((await Responses.AssertOk(await collector.PostAsync(early))).Clamped);

        Assert.Equal(late.CollectedAt, collector.Sink.Calls[0].Report.CollectedAt);
        Assert.Equal(0, collector.Service<IngestCounters>().Clamped);
    }

    [Fact]
    public async Task Store_failure_is_service_unavailable()
    {
        await using var collector = await TestCollector.StartAsync(b => b.Services.AddSingleton<ICollectorStore>(new StubStore()));

        var response = await collector.PostAsync(Reports.Valid());

        var detail = await Responses.AssertProblem(response, HttpStatusCode.ServiceUnavailable);
        Assert.DoesNotContain("/stub", detail, StringComparison.Ordinal);
        Assert.NotNull(response.Headers.RetryAfter);
        Assert.Empty(collector.Sink.Calls);
        Assert.Equal(1, collector.Service<IngestCounters>().StoreFailures);
    }

    [Fact]
    public async Task Full_disk_is_service_unavailable_and_the_report_is_taken_later()
    {
        await using var collector = await TestCollector.StartAsync(storage: StorageKinds.Sqlite);
        await Responses.AssertOk(await collector.PostAsync(Reports.Valid(sequence: 1)));
        var database = collector.Service<ICollectorStore>();
        File.Delete(collector.DatabasePath);

        await Responses.AssertProblem(await collector.PostAsync(Reports.Valid(sequence: 2)), HttpStatusCode.ServiceUnavailable);

        Assert.False(database.IsReady());
        Assert.Single(collector.Sink.Calls);
    }

    [Fact]
    public async Task Concurrent_agents_have_every_sequence_recorded_once()
    {
        await using var collector = await TestCollector.StartAsync();
        const int agents = 8;
        const int reports = 200;

        await Parallel.ForEachAsync(
            Enumerable.Range(0, agents),
            new ParallelOptions { MaxDegreeOfParallelism = agents },
            async (agent, _) =>
            {
                for (var sequence = 1; sequence <= reports; sequence++)
                {
                    var report = Reports.Valid(agentId: $"agent-{agent}", sequence: sequence);
                    var answer = await Responses.AssertOk(await collector.PostAsync(report));
                    Assert.False(answer.Duplicate);
                    // Every fourth report is resent at once, as after a lost acknowledgement.
                    if (sequence % 4 == 0)
                    {
                        Assert.True((await Responses.AssertOk(await collector.PostAsync(report))).Duplicate);
                    }
                }
            });

        var store = collector.Service<ICollectorStore>();
        for (var agent = 0; agent < agents; agent++)
        {
            Assert.Equal(Enumerable.Range(1, reports).Select(s => (long)s), store.Sequences($"agent-{agent}", "epoch-1"));
            Assert.Equal(
                Enumerable.Range(1, reports).Select(s => (long)s),
                collector.Sink.Calls.Where(c => c.Report.AgentId == $"agent-{agent}").Select(c => c.Report.Sequence));
        }

        Assert.Equal(agents * reports, collector.Service<IngestCounters>().Accepted);
        Assert.Equal(agents * reports / 4, collector.Service<IngestCounters>().Duplicates);
        Assert.Equal(agents, store.LatestReports().Count);
    }

    [Fact]
    public async Task Security_headers_are_on_every_response()
    {
        await using var collector = await TestCollector.StartAsync();

        foreach (var response in new[] { await collector.PostAsync(Reports.Valid(), token: null), await collector.Client.GetAsync("/nowhere") })
        {
            Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
            Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
            Assert.Contains("default-src", Assert.Single(response.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
        }
    }

    private sealed class UnseekableStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
