using System.Net;
using System.Net.Sockets;

namespace LxdScope.SystemTests.Testbed;

/// <summary>Free TCP ports on 127.0.0.1, chosen by the kernel, for servers the tests start.</summary>
internal static class LoopbackPort
{
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
