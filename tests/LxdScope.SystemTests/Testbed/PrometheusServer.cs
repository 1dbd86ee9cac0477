using System.Text.Json;

namespace LxdScope.SystemTests.Testbed;

/// <summary>
/// Debian's prometheus, started by the test on a loopback port with the shipped configuration
/// (deploy/prometheus/prometheus.yml) adapted: scrape and rule evaluation every second, the
/// test's collector, rule file, viewer token file and Alertmanager in place of the compose services.
/// </summary>
internal sealed class PrometheusServer : IAsyncDisposable
{
    private readonly MonitoringServer server;

    private PrometheusServer(MonitoringServer server) => this.server = server;

    public string Url => server.Url;

    public string Tail => server.Tail;

    /// <param name="collectorTargets">host:port of each collector, every one scraped by every job (its clusters found through its own discovery).</param>
    /// <param name="viewerTokenFile">The collectors' viewer token, where the shipped configuration's credentials_file points.</param>
    /// <param name="remoteWriteUrl">Where the shipped, commented remote_write block sends samples; none when null.</param>
    public static Task<PrometheusServer> StartAsync(
        string dir, IReadOnlyList<string> collectorTargets, string rulesFile, string alertmanagerTarget, string viewerTokenFile, string? remoteWriteUrl = null) =>
        StartAsync(dir, Configuration(collectorTargets, rulesFile, alertmanagerTarget, viewerTokenFile, remoteWriteUrl), []);

    /// <summary>
    /// A second Prometheus standing in for a long-term store: it scrapes nothing and accepts
    /// remote_write on /api/v1/write, as Thanos Receive, Mimir or VictoriaMetrics do.
    /// </summary>
    public static Task<PrometheusServer> StartReceiverAsync(string dir) =>
        StartAsync(dir, "global:\n  evaluation_interval: 1s\n", ["--web.enable-remote-write-receiver"]);

    private static async Task<PrometheusServer> StartAsync(string dir, string configuration, string[] flags) =>
        new(await MonitoringServer.StartAsync("prometheus", "prometheus", dir, configuration, (config, data, listen) =>
        [
            $"--config.file={config}",
            $"--storage.tsdb.path={data}",
            $"--web.listen-address={listen}",
            .. flags,
        ]));

    /// <summary>deploy/prometheus/prometheus.yml with the test's addresses; each replaced text must be there.</summary>
    public static string Configuration(IReadOnlyList<string> collectorTargets, string rulesFile, string alertmanagerTarget, string viewerTokenFile, string? remoteWriteUrl)
    {
        var replacements = new List<(string From, string To)>
        {
            ("scrape_interval: 15s", "scrape_interval: 1s\n  scrape_timeout: 1s"),
            ("evaluation_interval: 15s", "evaluation_interval: 1s"),
            ("['collector:9470']", "[" + string.Join(", ", collectorTargets.Select(t => $"'{t}'")) + "]"),
            // One discovery per collector, as the comment in the file says for several collectors.
            (SdBlock("collector:9470"), string.Concat(collectorTargets.Select(SdBlock))),
            ("alertmanager:9093", alertmanagerTarget),
            ("- rules/lxdscope.rules.yml", $"- '{rulesFile}'"),
            ("credentials_file: /etc/prometheus/lxdscope-viewer-token", $"credentials_file: '{viewerTokenFile}'"),
        };
        if (remoteWriteUrl is not null)
        {
            // The shipped block, uncommented: the test proves the lines operators are told to use.
            replacements.Add(("# remote_write:\n#   - url: http://mimir:9009/api/v1/push", $"remote_write:\n  - url: {remoteWriteUrl}"));
        }

        return MonitoringServer.Adapted("deploy/prometheus/prometheus.yml", replacements);
    }

    private static string SdBlock(string target) =>
        $"      - url: http://{target}/metrics/targets\n        authorization:\n          # Needed here: discovery sends the token without \"Bearer\" unless told\n          # (prometheus/prometheus#12762), and the collector answers 401.\n          type: Bearer\n          credentials_file: /etc/prometheus/lxdscope-viewer-token\n";

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

    public ValueTask DisposeAsync() => server.DisposeAsync();

    private async Task<JsonElement> Api(string path)
    {
        var answer = await server.GetJson(path);
        if (answer.GetProperty("status").GetString() != "success")
        {
            throw new InvalidOperationException($"prometheus {path}: {answer}");
        }

        return answer.GetProperty("data");
    }
}
