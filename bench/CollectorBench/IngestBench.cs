using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using LxdScope.Collector.State;
using LxdScope.Contracts;

/// <summary>
/// Pushes against the collector and against Prometheus Pushgateway with the same client. Every
/// request body is built before the clock starts (the client shares the cores with the server:
/// serializing and compressing while timing would be measuring the client). Each worker is one
/// agent of a 50-member cluster.
/// </summary>
internal static class IngestBench
{
    private const int Members = 50;

    /// <summary>One table row: the collector(s) taking <paramref name="concurrency"/> agents' reports, spread over <paramref name="collectors"/>.</summary>
    /// <param name="clusters">1: every worker reports for cluster bench with <paramref name="token"/>; more: worker w for cluster benchN (N = w % clusters) with token TOKEN+N.</param>
    public static async Task<int> Collector(string label, string token, int seconds, int concurrency, Uri[] collectors, int bodiesPerWorker, int clusters)
    {
        var epoch = Guid.NewGuid().ToString("N");
        string Cluster(int worker) => clusters == 1 ? "bench" : $"bench{worker % clusters}";
        string Token(int worker) => clusters == 1 ? token : token + (worker % clusters).ToString(CultureInfo.InvariantCulture);
        var bodies = Enumerable.Range(0, concurrency).Select(worker => Enumerable.Range(1, bodiesPerWorker)
            .Select(sequence => Gzip(JsonSerializer.SerializeToUtf8Bytes(Fleet.Report(0, Members, worker % Members, sequence, DateTimeOffset.UtcNow) with { Cluster = Cluster(worker), AgentId = $"bench-{worker}", Epoch = epoch }, ContractJson.Default.AgentReport)))
            .ToArray()).ToArray();
        Console.Error.WriteLine($"{label}: {bodies[0][0].Length:N0} bytes of gzip'd JSON per report");
        using var http = Client(concurrency);
        var row = await Run(label, concurrency, seconds, bodiesPerWorker, async (worker, n) =>
        {
            using var content = new ByteArrayContent(bodies[worker][n]);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            content.Headers.ContentEncoding.Add("gzip");
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(collectors[worker % collectors.Length], "/api/v1/reports")) { Content = content };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token(worker));
            using var response = await http.SendAsync(request);
            return response.StatusCode == HttpStatusCode.OK;
        });
        Console.WriteLine(row);
        return 0;
    }

    /// <summary>Loads <paramref name="clusters"/> clusters' 50 agents, one report each, the token of cluster preN being TOKEN_PREFIX + N.</summary>
    public static async Task<int> PreloadCollector(Uri collector, string tokenPrefix, int clusters)
    {
        using var http = Client(8);
        var at = DateTimeOffset.UtcNow;
        await Parallel.ForEachAsync(Enumerable.Range(0, clusters * Members), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, cancel) =>
        {
            var (c, m) = (i / Members, i % Members);
            using var content = new ByteArrayContent(Gzip(JsonSerializer.SerializeToUtf8Bytes(Fleet.Report(c + 1, Members, m, 1, at) with { Cluster = $"pre{c}" }, ContractJson.Default.AgentReport)));
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            content.Headers.ContentEncoding.Add("gzip");
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(collector, "/api/v1/reports")) { Content = content };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokenPrefix + c.ToString(CultureInfo.InvariantCulture));
            using var response = await http.SendAsync(request, cancel);
            response.EnsureSuccessStatusCode();
        });
        return 0;
    }

    /// <summary>
    /// One table row: Pushgateway taking the same agents' pushes — what the collector's exporter
    /// makes of one such report, as exposition text — into a group per cluster and agent, after
    /// <paramref name="preload"/> clusters' 50 agents' groups were pushed.
    /// </summary>
    public static async Task<int> Pushgateway(string label, Uri pushgateway, int seconds, int concurrency, int preload)
    {
        var exposition = await Exposition();
        Console.Error.WriteLine($"{label}: {exposition.Split('\n').Count(l => l.Length > 0 && l[0] != '#')} samples per push");
        using var http = Client(concurrency);
        await Parallel.ForEachAsync(Enumerable.Range(0, preload * Members), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, cancel) =>
        {
            using var put = await http.PutAsync(new Uri(pushgateway, $"/metrics/job/lxdscope/cluster/pre{i / Members}/agent/a{i % Members}"), new StringContent(exposition), cancel);
            put.EnsureSuccessStatusCode();
        });
        var body = Encoding.UTF8.GetBytes(exposition);
        var row = await Run(label, concurrency, seconds, int.MaxValue, async (worker, n) =>
        {
            using var content = new ByteArrayContent(body);
            using var response = await http.PutAsync(new Uri(pushgateway, $"/metrics/job/lxdscope/cluster/bench/agent/a{worker}"), content);
            return response.IsSuccessStatusCode;
        });
        Console.WriteLine(row);
        return 0;
    }

    private static async Task<string> Exposition()
    {
        var registry = new ClusterRegistry(new NullStore(), TimeProvider.System);
        var exporter = new LxdScope.Collector.Metrics.MetricsExporter(Prometheus.Metrics.NewCustomRegistry(), registry, new LxdScope.Collector.Ingest.IngestCounters(), new LxdScope.Collector.Http.RateLimitCounters(), new LxdScope.Collector.Audit.ConsoleQueryCounters());
        var at = DateTimeOffset.UtcNow;
        registry.Apply(Fleet.Report(0, Members, 0, 1, at), at);
        using var ms = new MemoryStream();
        // The global exposition with the cluster's series, as /metrics writes it.
        var pipe = System.IO.Pipelines.PipeWriter.Create(ms, new System.IO.Pipelines.StreamPipeWriterOptions(leaveOpen: true));
        await exporter.WriteAsync(pipe, withClusters: true, CancellationToken.None);
        await pipe.CompleteAsync();
        // The cluster is the group's label in Pushgateway.
        return Encoding.UTF8.GetString(ms.ToArray()).Replace("cluster=\"cluster000\",", "", StringComparison.Ordinal);
    }

    private static HttpClient Client(int concurrency) =>
        new(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency * 2 }) { Timeout = TimeSpan.FromSeconds(60) };

    private static async Task<string> Run(string name, int concurrency, int seconds, int perWorker, Func<int, int, Task<bool>> send)
    {
        var latencies = new List<double>();
        var errors = 0;
        var ranOut = 0;
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async worker =>
        {
            var n = 0;
            var mine = new List<double>();
            while (DateTime.UtcNow < deadline)
            {
                if (n == perWorker)
                {
                    Interlocked.Increment(ref ranOut);
                    break;
                }

                var t = Stopwatch.StartNew();
                var ok = false;
                try
                {
                    ok = await send(worker, n++);
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    // Refused, or not answered within the client's 60 s: an error, timed as long as it took.
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
        if (ranOut > 0)
        {
            Console.Error.WriteLine($"{name}: {ranOut} workers ran out of prepared reports before the end: give more");
        }

        latencies.Sort();
        double P(double q) => latencies[Math.Min(latencies.Count - 1, (int)(q * latencies.Count))];
        return string.Create(CultureInfo.InvariantCulture, $"| {name} | {concurrency} | {latencies.Count} | {errors} | {(latencies.Count - errors) / elapsed:0.0} | {P(0.5):0.0} | {P(0.99):0.0} |");
    }

    private static byte[] Gzip(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gz = new GZipStream(output, CompressionLevel.Fastest))
        {
            gz.Write(data);
        }

        return output.ToArray();
    }
}
