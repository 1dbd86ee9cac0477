using System.Net;
using System.Text;
using LxdScope.Collector.State;
using LxdScope.Collector.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace LxdScope.Collector.Tests.Ingest;

/// <summary>
/// Seeded random bad input: the collector answers every body with a 4xx or a 200, never a 5xx,
/// stores only what it acknowledged, keeps its memory, and keeps serving. 10,000 bodies by
/// default; LXDSCOPE_FUZZ_INGEST_BODIES sets another count.
/// </summary>
[Collection(AloneCollection.Name)]
public sealed class IngestApiFuzzTests(ITestOutputHelper output)
{
    private static readonly string[] Fields =
        ["version", "agent_id", "cluster", "epoch", "sequence", "started_at", "collected_at", "member", "collectors", "self", "local", "global", "raft", "reachability", "instances"];

    private static readonly string[] WrongValues =
        ["null", "true", "0", "-1", "1e999", "9223372036854775808", "\"\"", "\"x\"", "[]", "{}", "[null]", "{\"a\":1}", "\"2026-13-45T99:99:99Z\"", "\"\\ud800\""];

    [Fact]
    public async Task Ten_thousand_malformed_bodies_never_get_a_server_error_nor_stored()
    {
        var count = int.TryParse(Environment.GetEnvironmentVariable("LXDSCOPE_FUZZ_INGEST_BODIES"), out var n) && n > 0 ? n : 10_000;
        // The rate limit is not what is under test here: 10,000 bodies on one token in seconds would meet it.
        // The collector's own cluster state takes the reports (the test's recording sink would keep every one).
        await using var collector = await TestCollector.StartAsync(
            b => b.Services.AddSingleton<IReportSink>(sp => sp.GetRequiredService<ClusterRegistry>()),
            "\"MaxReportBytes\": 1048576, \"MaxDecompressedBytes\": 4194304, \"RateLimits\": { \"Ingest\": { \"Burst\": 1000000, \"PerSecond\": 1000000 } }");
        var random = new Random(20260301);
        var valid = Encoding.UTF8.GetString(Reports.Json(Reports.Valid()));
        var statuses = new Dictionary<HttpStatusCode, int>();
        var acknowledged = 0;
        await collector.PostAsync(Reports.Valid(agentId: "warm-up"));
        var (heapBefore, workingSetBefore) = Memory();

        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            var (body, encoding) = (i % 6) switch
            {
                0 => (TruncatedGzip(random, valid), "gzip"),
                1 => (RandomBytes(random), random.Next(3) == 0 ? null : "gzip"),
                2 => (Reports.Gzip(DeeplyNested(random, valid)), "gzip"),
                3 => (Reports.Gzip(HugeString(random, valid)), "gzip"),
                4 => (Reports.Gzip(WrongType(random, valid)), "gzip"),
                _ => (Reports.Gzip(Mutated(random, valid)), "gzip"),
            };

            var response = await collector.PostAsync(body, encoding: encoding);

            Assert.True((int)response.StatusCode < 500, $"body {i} (kind {i % 6}) got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            statuses[response.StatusCode] = statuses.GetValueOrDefault(response.StatusCode) + 1;
            if (response.StatusCode == HttpStatusCode.OK && !(await Responses.AssertOk(response)).Duplicate)
            {
                acknowledged++;
            }
        }

        var (heapAfter, workingSetAfter) = Memory();
        output.WriteLine($"{count} bodies in {stopwatch.Elapsed}: {string.Join(", ", statuses.OrderBy(p => p.Key).Select(p => $"{(int)p.Key}×{p.Value}"))}; "
            + $"heap {heapBefore / 1024} → {heapAfter / 1024} KiB, working set {workingSetBefore / 1048576} → {workingSetAfter / 1048576} MiB");
        Assert.True(statuses.GetValueOrDefault(HttpStatusCode.BadRequest) > count / 2, string.Join(", ", statuses));
        // Only reports answered 200 (a mutation can leave a report valid) were stored: the warm-up and those.
        Assert.Equal(1 + acknowledged, collector.StoredReportCount());
        Assert.Equal(1 + acknowledged, collector.Service<LxdScope.Collector.Ingest.IngestCounters>().Accepted);
        // Every body is at most 1 MiB sent and 4 MiB inflated, and none is kept: memory ends where it began, give or take.
        Assert.True(heapAfter - heapBefore < 64L * 1024 * 1024, $"managed heap grew by {(heapAfter - heapBefore) / 1024} KiB over {count} bodies");
        // The working set follows the GC's retained segments, not live data: bounded, not compared.
        Assert.True(workingSetAfter < 1024L * 1024 * 1024, $"working set {workingSetAfter / 1024 / 1024} MiB after {count} bodies");
        Assert.Equal(HttpStatusCode.OK, (await collector.Client.GetAsync("/healthz")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await collector.Client.GetAsync("/readyz")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await collector.PostAsync(Reports.Valid(agentId: "after-fuzz"))).StatusCode);
    }

    private static (long Heap, long WorkingSet) Memory()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return (GC.GetTotalMemory(forceFullCollection: true), Environment.WorkingSet);
    }

    private static byte[] TruncatedGzip(Random random, string valid)
    {
        var gzip = Reports.Gzip(valid);
        return gzip[..random.Next(0, gzip.Length)];
    }

    private static byte[] RandomBytes(Random random)
    {
        var bytes = new byte[random.Next(0, 4096)];
        random.NextBytes(bytes);
        if (bytes.Length > 2 && random.Next(2) == 0)
        {
            // A gzip header in front of noise reaches the inflater.
            bytes[0] = 0x1f;
            bytes[1] = 0x8b;
            bytes[2] = 8;
        }

        return bytes;
    }

    private static string DeeplyNested(Random random, string valid)
    {
        var depth = random.Next(20, 20_000);
        var open = random.Next(2) == 0 ? "[" : "{\"a\":";
        var close = open == "[" ? "]" : "}";
        var nested = string.Concat(Enumerable.Repeat(open, depth)) + "1" + string.Concat(Enumerable.Repeat(close, depth));
        return ReplaceField(valid, Fields[random.Next(Fields.Length)], nested);
    }

    private static string HugeString(Random random, string valid)
    {
        var huge = "\"" + new string((char)random.Next('a', 'z' + 1), random.Next(100_000, 2_000_000)) + "\"";
        return ReplaceField(valid, Fields[random.Next(Fields.Length)], huge);
    }

    private static string WrongType(Random random, string valid) =>
        ReplaceField(valid, Fields[random.Next(Fields.Length)], WrongValues[random.Next(WrongValues.Length)]);

    private static string Mutated(Random random, string valid)
    {
        var chars = valid.ToCharArray();
        for (var n = random.Next(1, 8); n > 0; n--)
        {
            chars[random.Next(chars.Length)] = (char)random.Next(0, 128);
        }

        return random.Next(4) == 0 ? new string(chars)[..random.Next(chars.Length)] : new string(chars);
    }

    /// <summary>Sets a top-level field's value, adding the field when the report has none of that name.</summary>
    private static string ReplaceField(string json, string field, string value)
    {
        var key = $"\"{field}\":";
        var start = json.IndexOf(key, StringComparison.Ordinal);
        if (start < 0)
        {
            return json[..^1] + "," + key + value + "}";
        }

        var valueStart = start + key.Length;
        var valueEnd = EndOfValue(json, valueStart);
        return json[..valueStart] + value + json[valueEnd..];
    }

    private static int EndOfValue(string json, int start)
    {
        var depth = 0;
        var inString = false;
        for (var i = start; i < json.Length; i++)
        {
            var c = json[i];
            if (inString)
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == '"')
                {
                    inString = false;
                }

                continue;
            }

            switch (c)
            {
                case '"':
                    inString = true;
                    break;
                case '[' or '{':
                    depth++;
                    break;
                case ']' or '}' when depth == 0:
                    return i;
                case ']' or '}':
                    depth--;
                    break;
                case ',' when depth == 0:
                    return i;
            }
        }

        return json.Length;
    }
}
