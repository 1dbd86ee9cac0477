using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using LxdScope.Bench.IngestLoad;
using LxdScope.Collector;
using LxdScope.Collector.State;
using LxdScope.Collector.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

/// <summary>
/// A fleet's scrape over HTTP with gzip, as Prometheus does it: the collector in a process of its
/// own (its CPU read from /proc before and after), loaded in-process with every agent's report,
/// then scraped through its discovery (every per-cluster target) and, side by side in the same
/// run, as one global <c>/metrics</c> carrying every cluster.
/// </summary>
internal static class FleetScrape
{
    /// <summary>The collector's side: the real collector app on a loopback port, with the fleet applied to its state.</summary>
    public static async Task<int> Serve(int clusters, int members, int port)
    {
        var dir = Directory.CreateTempSubdirectory("lxdscope-fleet-scrape-");
        var at = DateTimeOffset.UtcNow;
        // A clock that does not move: the staleness tick's timer never fires, so no re-judging of
        // the whole fleet every second runs beside the scrapes (it is measured with ingest).
        var clock = new FakeTimeProvider(at);
        var app = CollectorApp.Create(
        [
            "--urls", $"http://127.0.0.1:{port}",
            "--Collector:DatabasePath=" + Path.Combine(dir.FullName, "unused.db"),
            // Both ways served by one collector: the global /metrics as the anchor, the targets.
            "--Collector:Metrics:IncludeClusters=true",
            // The benchmark scrapes every target back to back; Prometheus spreads them over its interval.
            "--Collector:RateLimits:Metrics:Burst=1000000", "--Collector:RateLimits:Metrics:PerSecond=1000000",
        ], b =>
        {
            b.Logging.ClearProviders();
            // Only the scrape is measured: no database, no staleness tick.
            b.Services.AddSingleton<ICollectorStore>(new NullStore());
            b.Services.AddSingleton<TimeProvider>(clock);
        });
        var registry = app.Services.GetRequiredService<ClusterRegistry>();
        var load = Stopwatch.StartNew();
        for (var c = 0; c < clusters; c++)
        {
            for (var m = 0; m < members; m++)
            {
                registry.Apply(Fleet.Report(c, members, m, 1, at), at);
            }
        }

        await Console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"serve: {clusters * members} reports applied in {load.Elapsed.TotalSeconds:0.0} s"));
        GC.Collect();
        await app.StartAsync();
        Console.WriteLine("ready");
        // Runs until the parent closes stdin.
        await Console.In.ReadToEndAsync();
        await app.StopAsync();
        dir.Delete(recursive: true);
        return 0;
    }

    /// <summary>The scraper's side: starts the collector process, checks what it serves, then times interleaved rounds of both ways.</summary>
    public static async Task<int> Run(int clusters, int members, int rounds, int concurrency)
    {
        var port = FreePort();
        var self = Environment.GetCommandLineArgs()[0];
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        // The collector's own GC settings (src/LxdScope.Cli): workstation, not concurrent.
        start.Environment["DOTNET_gcServer"] = "0";
        start.Environment["DOTNET_gcConcurrent"] = "0";
        if (self.EndsWith(".dll", StringComparison.Ordinal))
        {
            start.ArgumentList.Add(self);
        }

        foreach (var a in new[] { "serve", clusters.ToString(CultureInfo.InvariantCulture), members.ToString(CultureInfo.InvariantCulture), port.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(a);
        }

        using var collector = Process.Start(start)!;
        try
        {
            if (await collector.StandardOutput.ReadLineAsync() != "ready")
            {
                throw new InvalidOperationException("the collector process did not start");
            }

            var baseUri = new Uri($"http://127.0.0.1:{port}");
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency, AutomaticDecompression = System.Net.DecompressionMethods.None })
            {
                BaseAddress = baseUri,
                Timeout = TimeSpan.FromMinutes(5),
            };
            http.DefaultRequestHeaders.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));

            var targets = await Targets(http, baseUri);
            if (targets.Count != clusters)
            {
                throw new InvalidOperationException($"discovery listed {targets.Count} targets for {clusters} clusters");
            }

            // Untimed: what each way serves, decompressed and counted.
            var perCluster = await Content(http, targets);
            var global = await Content(http, ["/metrics"]);
            var usage = ProcessUsage.Read(collector.Id);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"fleet {clusters} clusters x {members} members; collector RSS {usage.RssBytes / 1e6:0} MB; load average {File.ReadAllText("/proc/loadavg").Trim()}"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"per-cluster targets: {perCluster.Series:N0} series, {perCluster.Text / 1e6:0.0} MB text, {perCluster.Gzipped / 1e6:0.0} MB gzip'd; global /metrics: {global.Series:N0} series, {global.Text / 1e6:0.0} MB text, {global.Gzipped / 1e6:0.0} MB gzip'd"));

            Console.WriteLine("| round | way | requests | collector CPU s | wall s | gzip'd MB |");
            Console.WriteLine("|---:|---|---:|---:|---:|---:|");
            var results = new Dictionary<string, List<(double Cpu, double Wall)>> { ["targets"] = [], ["global"] = [] };
            for (var r = 1; r <= rounds; r++)
            {
                // Alternate which way goes first, so that neither always follows the other's garbage.
                foreach (var way in r % 2 == 1 ? new[] { "targets", "global" } : ["global", "targets"])
                {
                    var paths = way == "targets" ? targets : ["/metrics"];
                    var before = ProcessUsage.Read(collector.Id).CpuSeconds;
                    var clock = Stopwatch.StartNew();
                    var bytes = await Fetch(http, paths, concurrency);
                    var wall = clock.Elapsed.TotalSeconds;
                    var cpu = ProcessUsage.Read(collector.Id).CpuSeconds - before;
                    results[way].Add((cpu, wall));
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {r} | {way} | {paths.Count} | {cpu:0.00} | {wall:0.00} | {bytes / 1e6:0.0} |"));
                }
            }

            foreach (var (way, list) in results)
            {
                var cpu = list.Select(x => x.Cpu).Order().ToList();
                var wall = list.Select(x => x.Wall).Order().ToList();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{way}: collector CPU median {cpu[cpu.Count / 2]:0.00} s (best {cpu[0]:0.00}), wall median {wall[wall.Count / 2]:0.00} s (best {wall[0]:0.00})"));
            }

            var end = ProcessUsage.Read(collector.Id);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"collector RSS {end.RssBytes / 1e6:0} MB, peak {end.PeakRssBytes / 1e6:0} MB; load average {File.ReadAllText("/proc/loadavg").Trim()}"));
            return 0;
        }
        finally
        {
            collector.StandardInput.Close();
            if (!collector.WaitForExit(TimeSpan.FromSeconds(30)))
            {
                collector.Kill();
            }
        }
    }

    private static async Task<List<string>> Targets(HttpClient http, Uri collector)
    {
        using var response = await http.GetAsync("/metrics/targets");
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await Inflate(await response.Content.ReadAsByteArrayAsync(), response));
        var paths = new List<string>();
        foreach (var group in body.RootElement.EnumerateArray())
        {
            var target = group.GetProperty("targets")[0].GetString();
            if (target != collector.Authority)
            {
                throw new InvalidOperationException($"target {target}, expected {collector.Authority}");
            }

            paths.Add(group.GetProperty("labels").GetProperty("__metrics_path__").GetString()!);
        }

        return paths;
    }

    private static async Task<(long Series, long Text, long Gzipped)> Content(HttpClient http, List<string> paths)
    {
        long series = 0, text = 0, gzipped = 0;
        foreach (var path in paths)
        {
            using var response = await http.GetAsync(path);
            response.EnsureSuccessStatusCode();
            if (!response.Content.Headers.ContentEncoding.Contains("gzip"))
            {
                throw new InvalidOperationException($"{path} was not gzip'd");
            }

            var raw = await response.Content.ReadAsByteArrayAsync();
            var plain = await Inflate(raw, response);
            gzipped += raw.Length;
            text += plain.Length;
            series += Encoding.UTF8.GetString(plain).Split('\n').Count(l => l.Length > 0 && l[0] != '#');
        }

        return (series, text, gzipped);
    }

    /// <summary>Every path fetched by <paramref name="concurrency"/> workers; the bytes as sent (gzip'd).</summary>
    private static async Task<long> Fetch(HttpClient http, List<string> paths, int concurrency)
    {
        long total = 0;
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, Math.Min(concurrency, paths.Count)).Select(async _ =>
        {
            var buffer = new byte[81920];
            int i;
            while ((i = Interlocked.Increment(ref next)) < paths.Count)
            {
                using var response = await http.GetAsync(paths[i], HttpCompletionOption.ResponseHeadersRead);
                response.EnsureSuccessStatusCode();
                await using var body = await response.Content.ReadAsStreamAsync();
                int n;
                while ((n = await body.ReadAsync(buffer)) > 0)
                {
                    Interlocked.Add(ref total, n);
                }
            }
        }));
        return total;
    }

    private static async Task<byte[]> Inflate(byte[] raw, HttpResponseMessage response)
    {
        if (!response.Content.Headers.ContentEncoding.Contains("gzip"))
        {
            return raw;
        }

        using var output = new MemoryStream();
        await using (var gunzip = new GZipStream(new MemoryStream(raw), CompressionMode.Decompress))
        {
            await gunzip.CopyToAsync(output);
        }

        return output.ToArray();
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
