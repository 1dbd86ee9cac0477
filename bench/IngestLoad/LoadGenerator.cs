using System.Diagnostics;
using System.Net.Http.Headers;

namespace LxdScope.Bench.IngestLoad;

/// <summary>
/// Simulated agents, each with its own id, pushing one report per interval to a collector, one
/// request in flight per agent, as the real agent does. A report that fails is sent again at the
/// next tick with the same sequence number (the real agent's spool keeps it), so every
/// acknowledged sequence is contiguous per agent.
/// </summary>
public static class LoadGenerator
{
    public static async Task<LoadResult> RunAsync(LoadOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var reports = new ReportFactory(options);
        using var http = new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = options.Agents + 10,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
        })
        { Timeout = TimeSpan.FromSeconds(30) };
        var url = new Uri(options.Collector, "/api/v1/reports");
        var errors = new Dictionary<string, int>(StringComparer.Ordinal);
        var acked = new List<AckedReport>[options.Agents];
        var latencies = new List<double>[options.Agents];

        var before = options.CollectorPid is { } pid ? ProcessUsage.Read(pid) : (ProcessUsage?)null;
        long maxRss = before?.RssBytes ?? 0;
        using var sampling = new CancellationTokenSource();
        var sampler = options.CollectorPid is { } sampled ? Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                try
                {
                    maxRss = Math.Max(maxRss, ProcessUsage.Read(sampled).RssBytes);
                    await Task.Delay(200, sampling.Token);
                }
                catch (Exception e) when (e is IOException or OperationCanceledException)
                {
                    return; // the run ended, or the process is gone (a test killed it)
                }
            }
        }, CancellationToken.None) : Task.CompletedTask;

        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, options.Agents).Select(agent => Task.Run(async () =>
        {
            var mine = acked[agent] = [];
            var times = latencies[agent] = [];
            var token = reports.ClusterOf(agent).Token;
            // Agents start spread over the first interval, as real agents do.
            var next = options.Interval * Random.Shared.NextDouble();
            long sequence = 1;
            while (true)
            {
                var wait = next - clock.Elapsed;
                // A collector that answers slower than the interval does not stretch the run.
                if (next >= options.Duration || clock.Elapsed >= options.Duration || cancellationToken.IsCancellationRequested)
                {
                    return;
                }

                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, CancellationToken.None);
                }

                next += options.Interval;
                var body = reports.Body(agent, sequence);
                var sent = Stopwatch.StartNew();
                string? error;
                try
                {
                    using var content = new ByteArrayContent(body);
                    content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                    content.Headers.ContentEncoding.Add("gzip");
                    using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                    using var response = await http.SendAsync(request, CancellationToken.None);
                    error = response.IsSuccessStatusCode ? null : ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
                {
                    error = e.GetType().Name;
                }

                times.Add(sent.Elapsed.TotalMilliseconds);
                if (error is null)
                {
                    mine.Add(new AckedReport(ReportFactory.AgentId(agent), options.Epoch, sequence++));
                }
                else
                {
                    lock (errors)
                    {
                        errors[error] = errors.GetValueOrDefault(error) + 1;
                    }
                }
            }
        }, CancellationToken.None)));
        var elapsed = clock.Elapsed;
        await sampling.CancelAsync();
        await sampler;

        ProcessUsage? after = null;
        if (options.CollectorPid is { } measured)
        {
            try
            {
                after = ProcessUsage.Read(measured);
            }
            catch (IOException)
            {
                // Killed during the run: its usage is unknown.
            }
        }

        return new LoadResult
        {
            Options = options,
            ReportBytes = reports.ReportBytes,
            GzipBytes = reports.GzipBytes,
            Elapsed = elapsed,
            Acked = acked.SelectMany(a => a).ToList(),
            Errors = errors,
            LatenciesMs = latencies.SelectMany(l => l).Order().ToList(),
            CollectorCpuSeconds = after is { } a2 && before is { } b ? a2.CpuSeconds - b.CpuSeconds : null,
            CollectorMaxRssBytes = after is null ? null : Math.Max(maxRss, after.Value.RssBytes),
            CollectorPeakRssBytes = after?.PeakRssBytes,
        };
    }
}
