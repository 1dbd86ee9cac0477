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
//   CollectorBench judge [CLUSTERS] [SIZES] [ROUNDS]   (state cost per report by cluster size, e.g. judge 20 3,10,50,200 3)
//   CollectorBench push LABEL TOKEN SECONDS CONCURRENCY URL[,URL...] [REPORTS_PER_WORKER]   (workers spread over the collectors; one table row)
//   CollectorBench preload COLLECTOR_URL TOKEN_PREFIX CLUSTERS                 (clusters pre0.. of 50 agents, token TOKEN_PREFIX+N)
//   CollectorBench pushgateway LABEL URL SECONDS CONCURRENCY PRELOAD_CLUSTERS   (one table row)
var mode = args.Length > 0 ? args[0] : "scrape";
return mode switch
{
    "scrape" => await Scrape(Int(1, 100), Int(2, 50)),
    "judge-once" => JudgeOnce.Run(Int(1, 50), Int(2, 2000)),
    "judge" => JudgeBench.Run(Int(1, 20), (args.Length > 2 ? args[2] : "3,10,50,200").Split(',').Select(x => int.Parse(x, CultureInfo.InvariantCulture)).ToArray(), Int(3, 3)),
    "push" => await IngestBench.Collector(args[1], args[2], Int(3, 20), Int(4, 8), args[5].Split(',').Select(u => new Uri(u)).ToArray(), Int(6, 2000)),
    "preload" => await IngestBench.PreloadCollector(new Uri(args[1]), args[2], Int(3, 100)),
    "pushgateway" => await IngestBench.Pushgateway(args[1], new Uri(args[2]), Int(3, 20), Int(4, 8), Int(5, 100)),
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
