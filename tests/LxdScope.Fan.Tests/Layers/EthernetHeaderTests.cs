using LxdScope.Fan.Layers;
using LxdScope.Fan.Tests.Fixtures;

namespace LxdScope.Fan.Tests.Layers;

public sealed class EthernetHeaderTests
{
    [Fact]
    public void Outer_and_inner_frames_of_the_ARP_request()
    {
        var frame = NotesTrace.ArpRequest;

        Assert.True(EthernetHeader.TryDecode(frame, out var outer));
        Assert.Equal("36:93:98:31:37:df", outer.Destination.ToString());
        Assert.Equal("52:4f:5b:79:35:07", outer.Source.ToString());
        Assert.Equal(EthernetHeader.EtherTypeIpv4, outer.EtherType);
        Assert.Equal(14, outer.HeaderLength);

        Assert.True(EthernetHeader.TryDecode(frame.AsSpan(50), out var inner));
        Assert.True(inner.Destination.IsGroup);
        Assert.Equal("02:fa:00:00:00:2e", inner.Source.ToString());
        Assert.Equal(EthernetHeader.EtherTypeArp, inner.EtherType);
    }

    [Fact]
    public void A_VLAN_tag_is_skipped()
    {
        var frame = NotesTrace.Hex("ffff ffff ffff 0200 0000 0001 8100 0064 0806 0001");

        Assert.True(EthernetHeader.TryDecode(frame, out var header));
        Assert.Equal(EthernetHeader.EtherTypeArp, header.EtherType);
        Assert.Equal(18, header.HeaderLength);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(13)]
    public void Short_frames_are_refused(int length)
    {
        Assert.False(EthernetHeader.TryDecode(new byte[length], out _));
    }

    [Fact]
    public void A_VLAN_tag_cut_short_is_refused()
    {
        Assert.False(EthernetHeader.TryDecode(NotesTrace.Hex("ffff ffff ffff 0200 0000 0001 8100 0064"), out _));
    }
}
