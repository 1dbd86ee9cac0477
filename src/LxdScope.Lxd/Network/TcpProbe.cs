using System.Diagnostics;
using System.Net.Sockets;

namespace LxdScope.Lxd.Network;

/// <summary>Whether a member's cluster address accepts TCP connections, and how fast.</summary>
public static class TcpProbe
{
    public const int DefaultPort = 8443;

    public static async Task<ProbeResult> ConnectAsync(string address, TimeSpan timeout, CancellationToken ct = default)
    {
        var (client, result) = await OpenAsync(address, timeout, ct);
        client?.Dispose();
        return result;
    }

    /// <summary>
    /// Connects and hands over the open connection (for a TLS handshake after it), or null with
    /// the reason. The caller disposes the client.
    /// </summary>
    public static async Task<(TcpClient? Client, ProbeResult Result)> OpenAsync(string address, TimeSpan timeout, CancellationToken ct = default)
    {
        if (!TrySplit(address, out var host, out var port))
        {
            return (null, new ProbeResult(address, false, null, $"'{address}' is not host:port"));
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout);
        var client = new TcpClient { NoDelay = true };
        var clock = Stopwatch.StartNew();
        try
        {
            await client.ConnectAsync(host, port, deadline.Token);
            return (client, new ProbeResult(address, true, clock.Elapsed, null));
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            client.Dispose();
            return (null, new ProbeResult(address, false, null, $"no answer within {timeout.TotalMilliseconds:0} ms"));
        }
        catch (SocketException e)
        {
            client.Dispose();
            return (null, new ProbeResult(address, false, null, e.SocketErrorCode switch
            {
                SocketError.ConnectionRefused => "connection refused",
                SocketError.HostUnreachable or SocketError.NetworkUnreachable => "no route to host",
                _ => e.Message,
            }));
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    /// <summary>Splits "host:port", "[v6]:port" or a bare host (LXD's default port then).</summary>
    public static bool TrySplit(string address, out string host, out int port)
    {
        host = "";
        port = DefaultPort;
        if (string.IsNullOrWhiteSpace(address))
        {
            return false;
        }

        if (address.StartsWith('['))
        {
            var close = address.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                return false;
            }

            host = address[1..close];
            var rest = address[(close + 1)..];
            return rest.Length == 0 || (rest.StartsWith(':') && int.TryParse(rest[1..], out port) && port is > 0 and < 65536);
        }

        var colon = address.LastIndexOf(':');
        if (colon < 0 || address.IndexOf(':', StringComparison.Ordinal) != colon)
        {
            host = address;
            return colon < 0;
        }

        host = address[..colon];
        return host.Length > 0 && int.TryParse(address[(colon + 1)..], out port) && port is > 0 and < 65536;
    }
}
