using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using LxdScope.Collector.Metrics;
using LxdScope.Collector.State;
using LxdScope.Contracts;

// Usage:
//   CollectorBench scrape [CLUSTERS] [MEMBERS]
//   CollectorBench ingest COLLECTOR_URL TOKEN PUSHGATEWAY_URL [SECONDS] [CONCURRENCY] [PRELOAD_CLUSTERS]
//   CollectorBench judge [CLUSTERS] [SIZES] [ROUNDS]   (state cost per report by cluster size, e.g. judge 20 3,10,50,200 3)
//   CollectorBench push LABEL TOKEN SECONDS CONCURRENCY URL[,URL...]   (workers spread over the collectors; one table row)
var mode = args.Length > 0 ? args[0] : "scrape";
return mode switch
{
    "scrape" => await Scrape(Int(1, 100), Int(2, 50)),
    "ingest" => await Ingest(new Uri(args[1]), args[2], new Uri(args[3]), Int(4, 20), Int(5, 8), Int(6, 100)),
    "judge-once" => JudgeOnce.Run(Int(1, 50), Int(2, 2000)),
    "judge" => JudgeBench.Run(Int(1, 20), (args.Length > 2 ? args[2] : "3,10,50,200").Split(',').Select(x => int.Parse(x, CultureInfo.InvariantCulture)).ToArray(), Int(3, 3)),
    "push" => await Push(args[1], args[2], Int(3, 20), Int(4, 8), args[5].Split(',').Select(u => new Uri(u)).ToArray()),
    _ => 2,
};

// The collector's exporter reads the registry at scrape time: the scrape includes setting the series.
static MetricsExporter Exporter(ClusterRegistry registry) =>
    new(Prometheus.Metrics.NewCustomRegistry(), registry, new LxdScope.Collector.Ingest.IngestCounters(), new LxdScope.Collector.Http.RateLimitCounters(), new LxdScope.Collector.Audit.ConsoleQueryCounters());

int Int(int i, int fallback) => args.Length > i ? int.Parse(args[i], CultureInfo.InvariantCulture) : fallback;

static async Task<int> Scrape(int clusters, int members)
{
    var registry = new ClusterRegistry(new NullStore(), TimeProvider.System);
    var exporter = Exporter(registry);
    var at = DateTimeOffset.UtcNow;
    var load = Stopwatch.StartNew();
    for (var c = 0; c < clusters; c++)
    {
        for (var m = 0; m < members; m++)
        {
            registry.Apply(Fleet.Report(c, members, m, 1, at), at);
        }
    }

    load.Stop();
    var times = new List<double>();
    long bytes = 0;
    for (var i = 0; i < 7; i++)
    {
        using var sink = new CountingStream();
        var clock = Stopwatch.StartNew();
        await exporter.Registry.CollectAndExportAsTextAsync(sink);
        times.Add(clock.Elapsed.TotalSeconds);
        bytes = sink.Length;
    }

    using var text = new MemoryStream();
    await exporter.Registry.CollectAndExportAsTextAsync(text);
    var series = Encoding.UTF8.GetString(text.ToArray()).Split('\n').Count(l => l.Length > 0 && l[0] != '#');
    times.Sort();
    Console.WriteLine($"| {clusters} clusters x {members} members | {series:N0} series | {bytes / 1e6:0.0} MB | load {load.Elapsed.TotalSeconds:0.0} s | scrape median {times[3]:0.000} s, best {times[0]:0.000} s | RSS {Environment.WorkingSet / 1e6:0} MB |");
    return 0;
}

static async Task<int> Ingest(Uri collector, string token, Uri pushgateway, int seconds, int concurrency, int preload)
{
    using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency * 2 }) { Timeout = TimeSpan.FromSeconds(30) };
    const int members = 50;
    var at = DateTimeOffset.UtcNow;

    // The same samples for Pushgateway: what the collector exports for one agent's report of a
    // 50-member cluster, as exposition text (HELP/TYPE lines kept, as a real pusher sends them).
    var one = new ClusterRegistry(new NullStore(), TimeProvider.System);
    var exporter = Exporter(one);
    one.Apply(Fleet.Report(0, members, 0, 1, at), at);
    using var ms = new MemoryStream();
    await exporter.Registry.CollectAndExportAsTextAsync(ms);
    var exposition = Encoding.UTF8.GetString(ms.ToArray()).Replace("cluster=\"cluster000\",", "", StringComparison.Ordinal);
    var samples = exposition.Split('\n').Count(l => l.Length > 0 && l[0] != '#');
    Console.Error.WriteLine($"one report: {samples} samples as exposition text");

    // Preload: Pushgateway holds one group per cluster and agent, as it would in production.
    for (var c = 0; c < preload; c++)
    {
        using var put = await http.PutAsync(new Uri(pushgateway, $"/metrics/job/lxdscope/cluster/pre{c}/agent/a0"), new StringContent(exposition));
        put.EnsureSuccessStatusCode();
    }

    var collectorResult = await Run("collector", concurrency, seconds, async (worker, n) =>
    {
        var cluster = worker % Math.Max(1, preload);
        var body = Gzip(JsonSerializer.SerializeToUtf8Bytes(Fleet.Report(0, members, worker, n + 1, DateTimeOffset.UtcNow) with { Cluster = "bench", AgentId = $"bench-{worker}" }, ContractJson.Default.AgentReport));
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        content.Headers.ContentEncoding.Add("gzip");
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(collector, "/api/v1/reports")) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request);
        _ = cluster;
        return response.StatusCode == HttpStatusCode.OK;
    });
    var pushResult = await Run("pushgateway", concurrency, seconds, async (worker, n) =>
    {
        using var response = await http.PutAsync(new Uri(pushgateway, $"/metrics/job/lxdscope/cluster/pre{worker % Math.Max(1, preload)}/agent/a{worker}"), new StringContent(exposition));
        return response.IsSuccessStatusCode;
    });
    Console.WriteLine("| target | requests | errors | per second | p50 ms | p99 ms |");
    Console.WriteLine("|---|---:|---:|---:|---:|---:|");
    Console.WriteLine(collectorResult);
    Console.WriteLine(pushResult);
    return 0;
}

static async Task<int> Push(string label, string token, int seconds, int concurrency, Uri[] collectors)
{
    using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency * 2 }) { Timeout = TimeSpan.FromSeconds(30) };
    const int members = 50;
    var row = await Run(label, concurrency, seconds, async (worker, n) =>
    {
        // Each worker is one agent of a 50-member cluster, always on the same collector.
        var body = Gzip(JsonSerializer.SerializeToUtf8Bytes(Fleet.Report(0, members, worker, n + 1, DateTimeOffset.UtcNow) with { Cluster = "bench", AgentId = $"bench-{worker}" }, ContractJson.Default.AgentReport));
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        content.Headers.ContentEncoding.Add("gzip");
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(collectors[worker % collectors.Length], "/api/v1/reports")) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request);
        return response.StatusCode == HttpStatusCode.OK;
    });
    Console.WriteLine(row);
    return 0;
}

static async Task<string> Run(string name, int concurrency, int seconds, Func<int, long, Task<bool>> send)
{
    var latencies = new List<double>();
    var errors = 0;
    var deadline = DateTime.UtcNow.AddSeconds(seconds);
    var clock = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async worker =>
    {
        long n = 0;
        var mine = new List<double>();
        while (DateTime.UtcNow < deadline)
        {
            var t = Stopwatch.StartNew();
            var ok = false;
            try
            {
                ok = await send(worker, n++);
            }
            catch (HttpRequestException)
            {
            }

            mine.Add(t.Elapsed.TotalMilliseconds);
            if (!ok)
            {
                Interlocked.Increment(ref errors);
            }
        }

        lock (latencies)
        {
            latencies.AddRange(mine);
        }
    }));
    var elapsed = clock.Elapsed.TotalSeconds;
    latencies.Sort();
    double P(double q) => latencies[Math.Min(latencies.Count - 1, (int)(q * latencies.Count))];
    return string.Create(CultureInfo.InvariantCulture, $"| {name} | {latencies.Count} | {errors} | {latencies.Count / elapsed:0.0} | {P(0.5):0.0} | {P(0.99):0.0} |");
}

static byte[] Gzip(byte[] data)
{
    using var output = new MemoryStream();
    using (var gz = new GZipStream(output, CompressionLevel.Fastest))
    {
        gz.Write(data);
    }

    return output.ToArray();
}

internal sealed class CountingStream : Stream
{
    private long length;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => length;

    public override long Position { get => length; set => throw new NotSupportedException(); }

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => length += count;

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        length += buffer.Length;
        return ValueTask.CompletedTask;
    }
}
