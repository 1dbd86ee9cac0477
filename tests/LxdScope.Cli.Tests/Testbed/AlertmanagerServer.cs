using System.Text.Json;

namespace LxdScope.Cli.Tests.Testbed;

/// <summary>
/// Debian's prometheus-alertmanager, started by the test on a loopback port, routing every alert
/// (grouped per alert and member, flushed every second) to one webhook with resolved
/// notifications on. Its cluster gossip is switched off, so it listens on nothing else.
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

    public static async Task<AlertmanagerServer> StartAsync(string dir, string webhookUrl)
    {
        Directory.CreateDirectory(dir);
        var config = Path.Combine(dir, "alertmanager.yml");
        await File.WriteAllTextAsync(config, $"""
            route:
              receiver: test-webhook
              group_by: [alertname, cluster, member]
              group_wait: 1s
              group_interval: 1s
              repeat_interval: 1h
            receivers:
              - name: test-webhook
                webhook_configs:
                  - url: '{webhookUrl}'
                    send_resolved: true

            """);
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

    /// <summary>The alerts Alertmanager holds (/api/v2/alerts), active and resolved-but-kept.</summary>
    public Task<JsonElement> Alerts() => ServerApi.GetJson(http, Url + "/api/v2/alerts");

    public async ValueTask DisposeAsync()
    {
        await process.DisposeAsync();
        http.Dispose();
    }
}
