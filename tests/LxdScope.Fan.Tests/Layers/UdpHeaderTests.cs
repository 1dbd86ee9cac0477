using LxdScope.Fan.Layers;
using LxdScope.Fan.Tests.Fixtures;

namespace LxdScope.Fan.Tests.Layers;

public sealed class UdpHeaderTests
{
    [Fact]
    public void Ports_and_length_of_the_ARP_request()
    {
        // d1d1 2118 003a 81f9: 53713 → 8472, 58 bytes.
        Assert.True(UdpHeader.TryDecode(NotesTrace.ArpRequest.AsSpan(34), out var udp));

        Assert.Equal(53713, udp.SourcePort);
        Assert.Equal(8472, udp.DestinationPort);
        Assert.Equal(58, udp.Length);
    }

    [Fact]
    public void Seven_bytes_are_not_a_header()
    {
        Assert.False(UdpHeader.TryDecode(new byte[7], out _));
    }
}
