using System.Diagnostics;
using System.Net.Sockets;

namespace LxdScope.Lxd.Network;

/// <summary>Whether a member's cluster address accepts TCP connections, and how fast.</summary>
public static class TcpProbe
{
    public const int DefaultPort = 8443;

    public static async Task<ProbeResult> ConnectAsync(string address, TimeSpan timeout, CancellationToken ct = default)
    {
        if (!TrySplit(address, out var host, out var port))
        {
            return new ProbeResult(address, false, null, $"'{address}' is not host:port");
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout);
        using var client = new TcpClient { NoDelay = true };
        var clock = Stopwatch.StartNew();
        try
        {
            await client.ConnectAsync(host, port, deadline.Token);
            return new ProbeResult(address, true, clock.Elapsed, null);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new ProbeResult(address, false, null, $"no answer within {timeout.TotalMilliseconds:0} ms");
        }
        catch (SocketException e)
        {
            return new ProbeResult(address, false, null, e.SocketErrorCode switch
            {
                SocketError.ConnectionRefused => "connection refused",
                SocketError.HostUnreachable or SocketError.NetworkUnreachable => "no route to host",
                _ => e.Message,
            });
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
