using LxdScope.Fan.Addressing;
using LxdScope.Fan.Mapping;

namespace LxdScope.Fan.Tests.Mapping;

public sealed class FanMapTests
{
    private static FanMap Map(string overlay = "240.0.0.0/8", string underlay = "192.168.0.0/16", int mtu = 1500) =>
        new(Ipv4Subnet.Parse(overlay), Ipv4Subnet.Parse(underlay), mtu);

    [Theory]
    [InlineData("240.0.47.99", "192.168.0.47")]
    [InlineData("240.0.46.14", "192.168.0.46")]
    [InlineData("240.3.4.200", "192.168.3.4")]
    public void Overlay_8_over_underlay_16_host_A_B_X_Y_owns_240_X_Y(string overlay, string vtep)
    {
        Assert.True(Map().TryGetOwner(Ipv4Address.Parse(overlay), out var owner));
        Assert.Equal(Ipv4Address.Parse(vtep), owner);
    }

    [Fact]
    public void The_fanctl_example_250_over_172_16()
    {
        // fanctl(8): underlay 172.16.3.4/16 with overlay 250.0.0.0/8 gives 250.3.4.0/24.
        var map = Map("250.0.0.0/8", "172.16.0.0/16");

        Assert.Equal(Ipv4Address.Parse("250.3.4.1"), map.BridgeAddress(Ipv4Address.Parse("172.16.3.4")));
        Assert.True(map.TryGetOwner(Ipv4Address.Parse("250.3.4.77"), out var owner));
        Assert.Equal(Ipv4Address.Parse("172.16.3.4"), owner);
    }

    [Fact]
    public void Overlay_8_over_underlay_24_uses_the_last_octet()
    {
        var map = Map(underlay: "10.1.2.0/24");

        Assert.Equal(Ipv4Address.Parse("240.7.0.1"), map.BridgeAddress(Ipv4Address.Parse("10.1.2.7")));
        Assert.True(map.TryGetOwner(Ipv4Address.Parse("240.7.0.9"), out var owner));
        Assert.Equal(Ipv4Address.Parse("10.1.2.7"), owner);
    }

    [Fact]
    public void Overlay_16_over_underlay_24()
    {
        var map = Map("241.5.0.0/16", "10.1.2.0/24");

        Assert.Equal(Ipv4Address.Parse("241.5.7.1"), map.BridgeAddress(Ipv4Address.Parse("10.1.2.7")));
        Assert.Equal(0xF10500u, map.ExpectedVni);
    }

    [Fact]
    public void VNI_is_the_overlay_network_shifted_right_by_8_and_MTU_is_underlay_minus_50()
    {
        var map = Map();

        Assert.Equal(15728640u, map.ExpectedVni);
        Assert.Equal(1450, map.FanMtu);
        Assert.Equal(8950, Map(mtu: 9000).FanMtu);
    }

    [Fact]
    public void Addresses_outside_the_overlay_have_no_owner()
    {
        Assert.False(Map().TryGetOwner(Ipv4Address.Parse("10.0.0.1"), out _));
    }

    [Theory]
    [InlineData("240.0.0.0/8", "192.168.0.0/20")]
    [InlineData("240.0.0.0/12", "192.168.0.0/16")]
    [InlineData("240.5.0.0/16", "192.168.0.0/16")]
    public void Sizes_LXD_refuses_are_refused(string overlay, string underlay)
    {
        Assert.Throws<ArgumentException>(() => Map(overlay, underlay));
    }

    [Theory]
    [InlineData("240.0.0.0")]
    [InlineData("240.0.0.0/33")]
    [InlineData("240.0.0/8")]
    [InlineData("240.0.0.256/8")]
    public void Bad_subnets_do_not_parse(string text)
    {
        Assert.Throws<FormatException>(() => Ipv4Subnet.Parse(text));
    }
}
