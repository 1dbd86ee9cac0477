using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace LxdScope.SystemTests.Testbed;

/// <summary>
/// Writes through LXD's REST API on a member's unix socket, the way lxc does, timing each call
/// and keeping LXD's answer: the load against which the agent must not harm LXD.
/// </summary>
internal sealed class LxdSocketWriter : IDisposable
{
    private readonly HttpClient http;

    public LxdSocketWriter(string socketPath)
    {
        var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            ConnectCallback = async (_, ct) =>
            {
                var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                try
                {
                    await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), ct);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        http = new HttpClient(handler) { BaseAddress = new Uri("http://lxd"), Timeout = TimeSpan.FromSeconds(60) };
    }

    /// <returns>How long LXD took, and its error (HTTP status and LXD's error text), null when it answered success.</returns>
    public async Task<(TimeSpan Elapsed, string? Error)> SendAsync(HttpMethod method, string path, object? body)
    {
        using var request = new HttpRequestMessage(method, path);
        // As the agent does: a fresh connection per request (LXD 5.0.2 drops a few reused ones).
        request.Headers.ConnectionClose = true;
        if (body is not null)
        {
            request.Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        var clock = Stopwatch.StartNew();
        try
        {
            using var response = await http.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            clock.Stop();
            using var answer = JsonDocument.Parse(text);
            var type = answer.RootElement.TryGetProperty("type", out var t) ? t.GetString() : null;
            return response.IsSuccessStatusCode && type == "sync"
                ? (clock.Elapsed, null)
                : (clock.Elapsed, $"{method} {path}: {(int)response.StatusCode} {text.Trim()}");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException)
        {
            return (clock.Elapsed, $"{method} {path}: {e.GetType().Name}: {e.Message}");
        }
    }

    public void Dispose() => http.Dispose();
}
