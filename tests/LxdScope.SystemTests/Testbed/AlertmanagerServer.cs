using System.Text.Json;

namespace LxdScope.SystemTests.Testbed;

/// <summary>
/// Debian's prometheus-alertmanager, started by the test on a loopback port with the shipped
/// configuration (deploy/alertmanager/alertmanager.yml) adapted: its two receivers point at the
/// test's webhook (paths /pager and /tickets), groups wait and flush for a second. Its cluster
/// gossip is switched off, so it listens on nothing else.
/// </summary>
internal sealed class AlertmanagerServer : IAsyncDisposable
{
    private readonly MonitoringServer server;

    private AlertmanagerServer(MonitoringServer server) => this.server = server;

    public int Port => server.Port;

    public string Url => server.Url;

    public string Tail => server.Tail;

    public static async Task<AlertmanagerServer> StartAsync(string dir, string webhookBase) =>
        new(await MonitoringServer.StartAsync("alertmanager", "prometheus-alertmanager", dir, Configuration(webhookBase), (config, data, listen) =>
        [
            $"--config.file={config}",
            $"--storage.path={data}",
            $"--web.listen-address={listen}",
            "--cluster.listen-address=",
        ]));

    /// <summary>deploy/alertmanager/alertmanager.yml with the test's receivers and timings; each replaced text must be there.</summary>
    public static string Configuration(string webhookBase) =>
        MonitoringServer.Adapted("deploy/alertmanager/alertmanager.yml", [
            ("group_wait: 30s", "group_wait: 1s"),
            ("group_interval: 5m", "group_interval: 1s"),
            ("http://pager.example:8080/alerts", webhookBase + "/pager"),
            ("http://tickets.example:8080/alerts", webhookBase + "/tickets"),
        ]);

    /// <summary>The alerts Alertmanager holds (/api/v2/alerts), active and resolved-but-kept.</summary>
    public Task<JsonElement> Alerts() => server.GetJson("/api/v2/alerts");

    public ValueTask DisposeAsync() => server.DisposeAsync();
}
