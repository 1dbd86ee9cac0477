using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.IO.Pipelines;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using LxdScope.Collector.Metrics;
using LxdScope.Collector.State;
using LxdScope.Contracts;

// Usage:
//   CollectorBench scrape [CLUSTERS] [MEMBERS]                    (in-process, the global exposition only)
//   CollectorBench fleet-scrape [CLUSTERS] [MEMBERS] [ROUNDS] [CONCURRENCY]   (a collector process scraped over HTTP with gzip:
//                                                                  every per-cluster target against one global /metrics)
//   CollectorBench judge [CLUSTERS] [SIZES] [ROUNDS]   (state cost per report by cluster size, e.g. judge 20 3,10,50,200 3)
//   CollectorBench push LABEL TOKEN SECONDS CONCURRENCY URL[,URL...] [REPORTS_PER_WORKER] [CLUSTERS]   (workers spread over the collectors; one table row;
//                                                                  with CLUSTERS > 1 worker w reports for cluster benchN, N = w % CLUSTERS, with token TOKEN+N)
//   CollectorBench preload COLLECTOR_URL TOKEN_PREFIX CLUSTERS                 (clusters pre0.. of 50 agents, token TOKEN_PREFIX+N)
//   CollectorBench pushgateway LABEL URL SECONDS CONCURRENCY PRELOAD_CLUSTERS   (one table row)
var mode = args.Length > 0 ? args[0] : "scrape";
return mode switch
{
    "scrape" => await Scrape(Int(1, 100), Int(2, 50)),
    "fleet-scrape" => await FleetScrape.Run(Int(1, 1000), Int(2, 50), Int(3, 3), Int(4, 4)),
    "serve" => await FleetScrape.Serve(Int(1, 1000), Int(2, 50), Int(3, 0)),
    "judge-once" => JudgeOnce.Run(Int(1, 50), Int(2, 2000)),
    "judge" => JudgeBench.Run(Int(1, 20), (args.Length > 2 ? args[2] : "3,10,50,200").Split(',').Select(x => int.Parse(x, CultureInfo.InvariantCulture)).ToArray(), Int(3, 3)),
    "push" => await IngestBench.Collector(args[1], args[2], Int(3, 20), Int(4, 8), args[5].Split(',').Select(u => new Uri(u)).ToArray(), Int(6, 2000), Int(7, 1)),
    "preload" => await IngestBench.PreloadCollector(new Uri(args[1]), args[2], Int(3, 100)),
    "pushgateway" => await IngestBench.Pushgateway(args[1], new Uri(args[2]), Int(3, 20), Int(4, 8), Int(5, 100)),
    _ => 2,
};

// The collector's exporter reads the registry at scrape time: the scrape includes setting the series.
static MetricsExporter Exporter(ClusterRegistry registry) =>
    new(Prometheus.Metrics.NewCustomRegistry(), registry, new LxdScope.Collector.Ingest.IngestCounters(), new LxdScope.Collector.Http.RateLimitCounters(), new LxdScope.Collector.Audit.ConsoleQueryCounters());

// The global /metrics with every cluster's series, as the collector writes it to a response.
static async Task Export(MetricsExporter exporter, Stream output)
{
    var pipe = PipeWriter.Create(output, new StreamPipeWriterOptions(leaveOpen: true));
    await exporter.WriteAsync(pipe, withClusters: true, CancellationToken.None);
    await pipe.CompleteAsync();
}

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
        await Export(exporter, sink);
        times.Add(clock.Elapsed.TotalSeconds);
        bytes = sink.Length;
    }

    using var text = new MemoryStream();
    await Export(exporter, text);
    var series = Encoding.UTF8.GetString(text.ToArray()).Split('\n').Count(l => l.Length > 0 && l[0] != '#');
    times.Sort();
    Console.WriteLine($"| {clusters} clusters x {members} members | {series:N0} series | {bytes / 1e6:0.0} MB | load {load.Elapsed.TotalSeconds:0.0} s | scrape median {times[3]:0.000} s, best {times[0]:0.000} s | RSS {Environment.WorkingSet / 1e6:0} MB |");

    // What a gzip'd scrape spends where: the process's CPU writing the text alone, then writing it
    // through gzip at the level the collector uses (Fastest), and gzip alone on the finished text.
    var plainCpu = new List<double>();
    var gzipCpu = new List<double>();
    var gzipOnlyCpu = new List<double>();
    var finished = text.ToArray();
    long gzipped = 0;
    for (var i = 0; i < 5; i++)
    {
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        using (var sink = new CountingStream())
        {
            await Export(exporter, sink);
        }

        plainCpu.Add((Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds);
        cpu = Process.GetCurrentProcess().TotalProcessorTime;
        using (var sink = new CountingStream())
        {
            await using (var gzip = new GZipStream(sink, CompressionLevel.Fastest, leaveOpen: true))
            {
                await Export(exporter, gzip);
            }

            gzipped = sink.Length;
        }

        gzipCpu.Add((Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds);
        cpu = Process.GetCurrentProcess().TotalProcessorTime;
        using (var sink = new CountingStream())
        {
            await using var gzip = new GZipStream(sink, CompressionLevel.Fastest, leaveOpen: true);
            await gzip.WriteAsync(finished);
        }

        gzipOnlyCpu.Add((Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds);
    }

    static double Median(List<double> xs) => xs.Order().ElementAt(xs.Count / 2);
    Console.WriteLine($"process CPU per global scrape, median of 5: text {Median(plainCpu):0.000} s; text through gzip {Median(gzipCpu):0.000} s ({gzipped / 1e6:0.0} MB); gzip alone of the finished text {Median(gzipOnlyCpu):0.000} s");
    return 0;
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
