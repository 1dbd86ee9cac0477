using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace LxdScope.Bench.IngestLoad;

/// <summary>
/// A real collector (<c>lxdscope collector</c>) on 127.0.0.1 with a database and an agent token
/// of its own. Stopped only through its own process handle, never by name.
/// </summary>
public sealed class CollectorProcess : IAsyncDisposable
{
    private readonly StringBuilder output = new();
    private Process? process;

    private CollectorProcess(string launcher, string directory, string databasePath, IReadOnlyList<string> clusters, int port)
    {
        Launcher = launcher;
        Directory = directory;
        DatabasePath = databasePath;
        Url = new Uri($"http://127.0.0.1:{port}");
        Clusters = clusters.Select(c => new ClusterToken(c, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24)))).ToList();
        var tokens = string.Join(",\n", Clusters.Select(c =>
            $$"""{ "Cluster": "{{c.Cluster}}", "Sha256": "{{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(c.Token)))}}" }"""));
        ConfigPath = Path.Combine(directory, "collector.json");
        File.WriteAllText(ConfigPath, $$"""
            { "Collector": { "DatabasePath": "{{databasePath}}", "Tokens": [ {{tokens}} ] } }
            """);
    }

    public string Launcher { get; }

    /// <summary>Holds the configuration (and the database, unless placed elsewhere).</summary>
    public string Directory { get; }

    public string DatabasePath { get; }

    public string ConfigPath { get; }

    /// <summary>One token per cluster: the collector refuses a token's reports for any other cluster.</summary>
    public IReadOnlyList<ClusterToken> Clusters { get; }

    /// <summary>The first cluster, for tests of one cluster.</summary>
    public string Cluster => Clusters[0].Cluster;

    public string Token => Clusters[0].Token;

    public Uri Url { get; }

    public int Pid => process?.Id ?? throw new InvalidOperationException("the collector is not running");

    public bool IsRunning => process is { HasExited: false };

    /// <summary>The last lines the collector printed, for failure messages.</summary>
    public string Tail
    {
        get
        {
            lock (output)
            {
                return string.Join('\n', output.ToString().Split('\n').TakeLast(30));
            }
        }
    }

    /// <param name="launcher">The <c>lxdscope</c> executable (the repository's launcher script).</param>
    /// <param name="databasePath">Null: collector.db in <paramref name="directory"/>.</param>
    /// <param name="clusters">More than one: clusters named <paramref name="cluster"/>000, 001, …, each with its token.</param>
    public static async Task<CollectorProcess> StartAsync(string launcher, string directory, string? databasePath = null, string cluster = "load", int clusters = 1)
    {
        System.IO.Directory.CreateDirectory(directory);
        var names = clusters == 1 ? [cluster] : Enumerable.Range(0, clusters).Select(i => $"{cluster}{i:D3}").ToList();
        var collector = new CollectorProcess(launcher, directory, databasePath ?? Path.Combine(directory, "collector.db"), names, FreePort());
        await collector.StartAgainAsync();
        return collector;
    }

    /// <summary>Starts the process (again, on the same database) and waits until /readyz answers 200.</summary>
    public async Task StartAgainAsync(TimeSpan? limit = null)
    {
        if (IsRunning)
        {
            throw new InvalidOperationException("the collector is running already");
        }

        process?.Dispose();
        var info = new ProcessStartInfo(Launcher)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { "collector", "--config", ConfigPath, "--urls", Url.ToString().TrimEnd('/') })
        {
            info.ArgumentList.Add(a);
        }

        process = Process.Start(info) ?? throw new InvalidOperationException($"cannot start {Launcher}");
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        try
        {
            await WaitReadyAsync(limit ?? TimeSpan.FromSeconds(60));
        }
        catch
        {
            await KillAsync(); // no collector left behind by a start that failed
            throw;
        }
    }

    private async Task WaitReadyAsync(TimeSpan limit)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (process!.HasExited)
            {
                throw new InvalidOperationException($"the collector exited ({process.ExitCode}): {Tail}");
            }

            try
            {
                using var ready = await http.GetAsync(new Uri(Url, "/readyz"));
                if (ready.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
            }

            if (deadline.Elapsed > limit)
            {
                throw new TimeoutException($"the collector did not become ready: {Tail}");
            }

            await Task.Delay(200);
        }
    }

    /// <summary>SIGKILL: no shutdown code runs, as in a crash or an OOM kill.</summary>
    public async Task KillAsync()
    {
        if (process is { HasExited: false } running)
        {
            running.Kill();
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await running.WaitForExitAsync(cts.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        process?.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }
}
