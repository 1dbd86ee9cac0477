using System.Net.NetworkInformation;
using System.Net.Sockets;
using LxdScope.Fan.Addressing;

namespace LxdScope.Agent.Fan;

/// <summary>One IPv4 address of this host's interfaces, with the interface's MTU (0 when unknown).</summary>
internal sealed record HostInterface(string Name, Ipv4Address Address, int Mtu)
{
    /// <summary>Every IPv4 address of every interface in this host's network namespace.</summary>
    public static IReadOnlyList<HostInterface> ReadAll() =>
        NetworkInterface.GetAllNetworkInterfaces()
            .SelectMany(n => n.GetIPProperties().UnicastAddresses
                .Where(a => a.Address.AddressFamily == AddressFamily.InterNetwork)
                .Select(a => new HostInterface(n.Name, Ipv4Address.Parse(a.Address.ToString()), MtuOf(n))))
            .ToList();

    private static int MtuOf(NetworkInterface n)
    {
        try
        {
            return n.GetIPProperties().GetIPv4Properties()?.Mtu ?? 0;
        }
        catch (NetworkInformationException)
        {
            return 0;
        }
    }
}
