using System.Net;
using System.Net.Sockets;
using LxdScope.Lxd.Network;

namespace LxdScope.Lxd.Tests.Network;

public sealed class TcpProbeTests
{
    [Theory]
    [InlineData("127.0.0.1:8443", "127.0.0.1", 8443)]
    [InlineData("[::1]:9443", "::1", 9443)]
    [InlineData("node1.example", "node1.example", 8443)]
    [InlineData("[fd00::2]", "fd00::2", 8443)]
    public void Addresses_split_into_host_and_port(string address, string host, int port)
    {
        Assert.True(TcpProbe.TrySplit(address, out var h, out var p));
        Assert.Equal(host, h);
        Assert.Equal(port, p);
    }

    [Theory]
    [InlineData("")]
    [InlineData("127.0.0.1:")]
    [InlineData("127.0.0.1:99999")]
    [InlineData("[::1")]
    [InlineData("fd00::1")]
    public void Malformed_addresses_are_refused(string address) => Assert.False(TcpProbe.TrySplit(address, out _, out _));

    [Fact]
    public async Task A_listening_loopback_port_is_reachable()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;

        var result = await TcpProbe.ConnectAsync($"127.0.0.1:{port}", TimeSpan.FromSeconds(2));

        Assert.True(result.Reachable);
        Assert.NotNull(result.ConnectTime);
    }

    [Fact]
    public async Task A_closed_loopback_port_is_refused()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var result = await TcpProbe.ConnectAsync($"127.0.0.1:{port}", TimeSpan.FromSeconds(2));

        Assert.False(result.Reachable);
        Assert.Equal("connection refused", result.Error);
    }
}
