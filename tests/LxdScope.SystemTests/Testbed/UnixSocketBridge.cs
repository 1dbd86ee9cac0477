using System.Net;
using System.Net.Sockets;

namespace LxdScope.SystemTests.Testbed;

/// <summary>
/// A TCP port on this namespace's 127.0.0.1 relaying every connection to a unix socket. A server
/// listening inside a network namespace of the test's own is reached through a socket file (files are
/// not namespaced) by clients here that only speak TCP, such as Prometheus; no address leaves loopback.
/// </summary>
internal sealed class UnixSocketBridge : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly string _socketPath;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;

    public UnixSocketBridge(string socketPath)
    {
        _socketPath = socketPath;
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _accepting = AcceptAsync(_stop.Token);
    }

    public int Port { get; }

    public string Url => $"http://127.0.0.1:{Port}";

    private async Task AcceptAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(ct);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            _ = RelayAsync(client, ct);
        }
    }

    private async Task RelayAsync(TcpClient client, CancellationToken ct)
    {
        using (client)
        using (var unix = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified))
        {
            try
            {
                await unix.ConnectAsync(new UnixDomainSocketEndPoint(_socketPath), ct);
                await using var server = new NetworkStream(unix, ownsSocket: false);
                var tcp = client.GetStream();
                // Either side closing ends the relay.
                await Task.WhenAny(tcp.CopyToAsync(server, ct), server.CopyToAsync(tcp, ct));
            }
            catch (Exception e) when (e is SocketException or IOException or OperationCanceledException)
            {
                // The server is not listening yet, or went away: the client sees its connection closed.
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        _stop.Dispose();
    }
}
