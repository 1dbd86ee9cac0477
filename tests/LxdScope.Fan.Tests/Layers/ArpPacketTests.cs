using LxdScope.Fan.Decoding;
using LxdScope.Fan.Layers;
using LxdScope.Fan.Tests.Fixtures;

namespace LxdScope.Fan.Tests.Layers;

public sealed class ArpPacketTests
{
    [Fact]
    public void Request_who_has_240_0_47_99_tell_240_0_46_14()
    {
        Assert.Null(ArpPacket.TryDecode(NotesTrace.ArpRequest.AsSpan(64), out var arp));

        Assert.Equal(ArpPacket.Request, arp.Operation);
        Assert.Equal("240.0.46.14", arp.SenderIp.ToString());
        Assert.Equal("02:fa:00:00:00:2e", arp.SenderMac.ToString());
        Assert.Equal("240.0.47.99", arp.TargetIp.ToString());
    }

    [Fact]
    public void Reply_240_0_47_99_is_at_its_MAC()
    {
        Assert.Null(ArpPacket.TryDecode(NotesTrace.ArpReply.AsSpan(64), out var arp));

        Assert.Equal(ArpPacket.Reply, arp.Operation);
        Assert.Equal("240.0.47.99", arp.SenderIp.ToString());
        Assert.Equal("02:fa:00:00:00:2f", arp.SenderMac.ToString());
        Assert.Equal("240.0.46.14", arp.TargetIp.ToString());
    }

    [Fact]
    public void Short_ARP_is_truncated()
    {
        Assert.Equal(DecodeStatus.TruncatedArp, ArpPacket.TryDecode(NotesTrace.ArpRequest.AsSpan(64, 27), out _));
    }

    [Fact]
    public void ARP_for_another_protocol_is_malformed()
    {
        var arp = NotesTrace.ArpRequest.AsSpan(64).ToArray();
        arp[2] = 0x86;
        arp[3] = 0xdd;

        Assert.Equal(DecodeStatus.MalformedArp, ArpPacket.TryDecode(arp, out _));
    }
}
