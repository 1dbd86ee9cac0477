using LxdScope.Fan.Decoding;
using LxdScope.Fan.Layers;
using LxdScope.Fan.Tests.Fixtures;

namespace LxdScope.Fan.Tests.Layers;

public sealed class Ipv4HeaderTests
{
    [Fact]
    public void Outer_header_of_the_echo_request()
    {
        // 4500 0086 7267 0000 4011 8652 c0a8002e c0a8002f
        var status = Ipv4Header.TryDecode(NotesTrace.EchoRequest.AsSpan(14), DecodeStatus.TruncatedOuterIpv4, DecodeStatus.MalformedOuterIpv4, out var ip);

        Assert.Null(status);
        Assert.Equal("192.168.0.46", ip.Source.ToString());
        Assert.Equal("192.168.0.47", ip.Destination.ToString());
        Assert.Equal(Ipv4Header.ProtocolUdp, ip.Protocol);
        Assert.Equal(134, ip.TotalLength);
        Assert.Equal(20, ip.HeaderLength);
        Assert.False(ip.DontFragment);
    }

    [Fact]
    public void Inner_header_of_the_echo_request_has_DF_set()
    {
        var status = Ipv4Header.TryDecode(NotesTrace.EchoRequest.AsSpan(64), DecodeStatus.TruncatedInnerIpv4, DecodeStatus.MalformedInnerIpv4, out var ip);

        Assert.Null(status);
        Assert.Equal("240.0.46.14", ip.Source.ToString());
        Assert.Equal("240.0.47.99", ip.Destination.ToString());
        Assert.Equal(84, ip.TotalLength);
        Assert.True(ip.DontFragment);
    }

    [Theory]
    [InlineData("4500 0054 3e1c 4000 4001 bf1a f000 2e0e f000", DecodeStatus.TruncatedInnerIpv4)]
    [InlineData("6500 0054 3e1c 4000 4001 bf1a f000 2e0e f000 2f63", DecodeStatus.MalformedInnerIpv4)]
    [InlineData("4400 0054 3e1c 4000 4001 bf1a f000 2e0e f000 2f63", DecodeStatus.MalformedInnerIpv4)]
    [InlineData("4500 0010 3e1c 4000 4001 bf1a f000 2e0e f000 2f63", DecodeStatus.MalformedInnerIpv4)]
    [InlineData("4f00 0054 3e1c 4000 4001 bf1a f000 2e0e f000 2f63", DecodeStatus.TruncatedInnerIpv4)]
    public void Short_or_odd_headers_are_named(string hex, DecodeStatus expected)
    {
        Assert.Equal(expected, Ipv4Header.TryDecode(NotesTrace.Hex(hex), DecodeStatus.TruncatedInnerIpv4, DecodeStatus.MalformedInnerIpv4, out _));
    }

    [Fact]
    public void Payload_stops_at_total_length_despite_Ethernet_padding()
    {
        var packet = NotesTrace.Hex("4500 0018 0000 0000 4001 0000 0a00 0001 0a00 0002 0800 0000 0000 0000 0000");
        Assert.Null(Ipv4Header.TryDecode(packet, DecodeStatus.TruncatedInnerIpv4, DecodeStatus.MalformedInnerIpv4, out var ip));

        Assert.Equal(4, ip.Payload(packet).Length);
    }
}
