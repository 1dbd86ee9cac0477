using System.Text.Json;

namespace LxdScope.Cli.Tests.Testbed;

/// <summary>
/// Debian's prometheus, started by the test on a loopback port with a configuration it writes:
/// scrape and rule evaluation every second, the collector's two endpoints as two jobs (as in
/// deploy/prometheus/prometheus.yml), one rule file, one Alertmanager.
/// </summary>
internal sealed class PrometheusServer : IAsyncDisposable
{
    private readonly BackgroundProcess process;
    private readonly HttpClient http = new() { Timeout = TimeSpan.FromSeconds(10) };

    private PrometheusServer(BackgroundProcess process, int port)
    {
        this.process = process;
        Url = $"http://127.0.0.1:{port}";
    }

    public string Url { get; }

    public string Tail => process.Tail;

    public static async Task<PrometheusServer> StartAsync(string dir, string collectorTarget, string rulesFile, string alertmanagerTarget)
    {
        Directory.CreateDirectory(dir);
        var config = Path.Combine(dir, "prometheus.yml");
        await File.WriteAllTextAsync(config, $"""
            global:
              scrape_interval: 1s
              scrape_timeout: 1s
              evaluation_interval: 1s
            alerting:
              alertmanagers:
                - static_configs:
                    - targets: ['{alertmanagerTarget}']
            rule_files:
              - '{rulesFile}'
            scrape_configs:
              - job_name: lxdscope
                static_configs:
                  - targets: ['{collectorTarget}']
              - job_name: lxdscope-lxd
                metrics_path: /metrics/lxd
                static_configs:
                  - targets: ['{collectorTarget}']

            """);
        var port = LoopbackPort.Free();
        var process = BackgroundProcess.Start("prometheus", [
            $"--config.file={config}",
            $"--storage.tsdb.path={Path.Combine(dir, "data")}",
            $"--web.listen-address=127.0.0.1:{port}",
        ]);
        var server = new PrometheusServer(process, port);
        try
        {
            await ServerApi.WaitReady(server.http, server.Url, process, "prometheus");
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        return server;
    }

    /// <summary>An instant query through /api/v1/query; the result vector. A query Prometheus refuses throws with its error.</summary>
    public async Task<JsonElement> Query(string expr)
    {
        var data = await Api($"/api/v1/query?query={Uri.EscapeDataString(expr)}");
        return data.GetProperty("result");
    }

    /// <summary>The rule groups Prometheus loaded (/api/v1/rules), with each rule's health, duration and state.</summary>
    public async Task<JsonElement> Rules() => (await Api("/api/v1/rules")).GetProperty("groups");

    /// <summary>Pending and firing alerts (/api/v1/alerts).</summary>
    public async Task<JsonElement> Alerts() => (await Api("/api/v1/alerts")).GetProperty("alerts");

    public async ValueTask DisposeAsync()
    {
        await process.DisposeAsync();
        http.Dispose();
    }

    private async Task<JsonElement> Api(string path)
    {
        var answer = await ServerApi.GetJson(http, Url + path);
        if (answer.GetProperty("status").GetString() != "success")
        {
            throw new InvalidOperationException($"prometheus {path}: {answer}");
        }

        return answer.GetProperty("data");
    }
}
