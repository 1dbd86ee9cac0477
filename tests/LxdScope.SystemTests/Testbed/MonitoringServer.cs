using System.Diagnostics;
using System.Text.Json;

namespace LxdScope.SystemTests.Testbed;

/// <summary>
/// What Prometheus and Alertmanager have in common for the tests: started on a loopback port with
/// a configuration file of the test's in their directory, waited for until ready, and GETs whose
/// failure says why.
/// </summary>
internal sealed class MonitoringServer : IAsyncDisposable
{
    private readonly BackgroundProcess process;
    private readonly string name;
    private readonly HttpClient http = new() { Timeout = TimeSpan.FromSeconds(10) };

    private MonitoringServer(string name, BackgroundProcess process, int port)
    {
        this.name = name;
        this.process = process;
        Port = port;
    }

    public int Port { get; }

    public string Url => $"http://127.0.0.1:{Port}";

    public string Tail => process.Tail;

    /// <summary>Writes <paramref name="configuration"/> to dir/<paramref name="name"/>.yml, starts the server and waits until /-/ready answers.</summary>
    /// <param name="args">The command's arguments, given its configuration file, its data directory (dir/data) and its listen address.</param>
    public static async Task<MonitoringServer> StartAsync(
        string name, string file, string dir, string configuration, Func<string, string, string, IEnumerable<string>> args)
    {
        Directory.CreateDirectory(dir);
        var config = Path.Combine(dir, name + ".yml");
        await File.WriteAllTextAsync(config, configuration);
        var port = LoopbackPort.Free();
        var process = BackgroundProcess.Start(file, args(config, Path.Combine(dir, "data"), $"127.0.0.1:{port}"));
        var server = new MonitoringServer(name, process, port);
        try
        {
            await server.WaitReady();
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        return server;
    }

    /// <summary>A shipped configuration file with the test's values; each replaced text must be there.</summary>
    public static string Adapted(string relativePath, IEnumerable<(string From, string To)> replacements)
    {
        var text = Repository.Read(relativePath.Split('/'));
        foreach (var (from, to) in replacements)
        {
            if (!text.Contains(from, StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"{relativePath} no longer contains '{from}'; adapt the test");
            }

            text = text.Replace(from, to, StringComparison.Ordinal);
        }

        return text;
    }

    public async Task<JsonElement> GetJson(string path)
    {
        var url = Url + path;
        using var response = await http.GetAsync(new Uri(url));
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"GET {url} answered {(int)response.StatusCode}: {body}");
        }

        using var doc = JsonDocument.Parse(body);
        return doc.RootElement.Clone();
    }

    public async ValueTask DisposeAsync()
    {
        await process.DisposeAsync();
        http.Dispose();
    }

    private async Task WaitReady()
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{name} exited at start:\n{process.Tail}");
            }

            try
            {
                using var ready = await http.GetAsync(new Uri(Url + "/-/ready"));
                if (ready.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"{name} was not ready within 30 s:\n{process.Tail}");
    }
}
