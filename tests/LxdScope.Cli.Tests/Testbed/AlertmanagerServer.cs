using System.Text.Json;

namespace LxdScope.Cli.Tests.Testbed;

/// <summary>
/// Debian's prometheus-alertmanager, started by the test on a loopback port with the shipped
/// configuration (deploy/alertmanager/alertmanager.yml) adapted: its two receivers point at the
/// test's webhook (paths /pager and /tickets), groups wait and flush for a second. Its cluster
/// gossip is switched off, so it listens on nothing else.
/// </summary>
internal sealed class AlertmanagerServer : IAsyncDisposable
{
    private readonly BackgroundProcess process;
    private readonly HttpClient http = new() { Timeout = TimeSpan.FromSeconds(10) };

    private AlertmanagerServer(BackgroundProcess process, int port)
    {
        this.process = process;
        Port = port;
    }

    public int Port { get; }

    public string Url => $"http://127.0.0.1:{Port}";

    public string Tail => process.Tail;

    public static async Task<AlertmanagerServer> StartAsync(string dir, string webhookBase)
    {
        Directory.CreateDirectory(dir);
        var config = Path.Combine(dir, "alertmanager.yml");
        await File.WriteAllTextAsync(config, Configuration(webhookBase));
        var port = LoopbackPort.Free();
        var process = BackgroundProcess.Start("prometheus-alertmanager", [
            $"--config.file={config}",
            $"--storage.path={Path.Combine(dir, "data")}",
            $"--web.listen-address=127.0.0.1:{port}",
            "--cluster.listen-address=",
        ]);
        var server = new AlertmanagerServer(process, port);
        try
        {
            await ServerApi.WaitReady(server.http, server.Url, process, "alertmanager");
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        return server;
    }

    /// <summary>deploy/alertmanager/alertmanager.yml with the test's receivers and timings; each replaced text must be there.</summary>
    public static string Configuration(string webhookBase)
    {
        var text = File.ReadAllText(Path.Combine(Repository.Root, "deploy", "alertmanager", "alertmanager.yml"));
        foreach (var (from, to) in new[]
        {
            ("group_wait: 30s", "group_wait: 1s"),
            ("group_interval: 5m", "group_interval: 1s"),
            ("http://pager.example:8080/alerts", webhookBase + "/pager"),
            ("http://tickets.example:8080/alerts", webhookBase + "/tickets"),
        })
        {
            if (!text.Contains(from, StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"deploy/alertmanager/alertmanager.yml no longer contains '{from}'; adapt the test");
            }

            text = text.Replace(from, to, StringComparison.Ordinal);
        }

        return text;
    }

    /// <summary>The alerts Alertmanager holds (/api/v2/alerts), active and resolved-but-kept.</summary>
    public Task<JsonElement> Alerts() => ServerApi.GetJson(http, Url + "/api/v2/alerts");

    public async ValueTask DisposeAsync()
    {
        await process.DisposeAsync();
        http.Dispose();
    }
}
