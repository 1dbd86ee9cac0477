using System.Net;
using System.Text.Json;

namespace LxdScope.SystemTests.Testbed;

/// <summary>
/// The receiving end of Alertmanager's webhooks, run by the test on 127.0.0.1: it keeps every
/// notification (Alertmanager's webhook payload, version 4) with the path it was sent to, and
/// answers 200.
/// </summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly HttpListener listener = new();
    private readonly List<(string Path, JsonElement Body)> notifications = [];
    private readonly Task loop;

    public WebhookReceiver()
    {
        Port = LoopbackPort.Free();
        listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        listener.Start();
        loop = Task.Run(ServeAsync);
    }

    public int Port { get; }

    public string Url => $"http://127.0.0.1:{Port}";

    public IReadOnlyList<(string Path, JsonElement Body)> Notifications
    {
        get
        {
            lock (notifications)
            {
                return [.. notifications];
            }
        }
    }

    /// <summary>The alerts of every notification so far, each with the path it went to and the notification's own status.</summary>
    public IEnumerable<(string Path, string Status, JsonElement Alert)> Alerts() =>
        Notifications.SelectMany(n => n.Body.GetProperty("alerts").EnumerateArray().Select(a => (n.Path, n.Body.GetProperty("status").GetString()!, a)));

    public bool Received(string path, string status, string alertname, string member) =>
        Alerts().Any(x => x.Path == path && x.Status == status
            && x.Alert.GetProperty("status").GetString() == status
            && x.Alert.GetProperty("labels").GetProperty("alertname").GetString() == alertname
            && x.Alert.GetProperty("labels").TryGetProperty("member", out var m) && m.GetString() == member);

    public async ValueTask DisposeAsync()
    {
        listener.Stop();
        listener.Close();
        try
        {
            await loop;
        }
        catch (HttpListenerException)
        {
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private async Task ServeAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (HttpListenerException) when (!listener.IsListening)
            {
                return;
            }
            catch (ObjectDisposedException)
            {
                return;
            }

            using (var body = await JsonDocument.ParseAsync(context.Request.InputStream))
            {
                lock (notifications)
                {
                    notifications.Add((context.Request.Url!.AbsolutePath, body.RootElement.Clone()));
                }
            }

            context.Response.StatusCode = 200;
            context.Response.Close();
        }
    }
}
