using LxdScope.Agent.Fan;
using LxdScope.Fan.Addressing;
using LxdScope.Lxd.Api;

namespace LxdScope.Agent.Tests.Fan;

/// <summary>The fan as LXD configures it (a managed bridge with bridge.mode=fan), with Agent:Fan overriding.</summary>
public sealed class FanResolverTests
{
    private static readonly HostInterface[] Host =
    [
        new("lo", Ipv4Address.Parse("127.0.0.1"), 65536),
        new("eth0", Ipv4Address.Parse("10.20.3.4"), 9000),
        new("eth1", Ipv4Address.Parse("192.168.7.9"), 1500),
    ];

    private static NetworkSummary Fan(params (string Key, string Value)[] config) =>
        new("lxdfan0", "bridge", true, config.Append(("bridge.mode", "fan")).ToDictionary(c => c.Item1, c => c.Item2));

    private static readonly NetworkSummary Plain = new("lxdbr0", "bridge", true, new Dictionary<string, string> { ["ipv4.address"] = "10.1.1.1/24" });

    [Fact]
    public void The_fan_comes_from_LXDs_network_and_the_interface_holding_an_underlay_address()
    {
        var r = FanResolver.Resolve(new FanSettings(), [Plain, Fan(("fan.underlay_subnet", "192.168.0.0/16"), ("ipv4.nat", "true"))], Host);

        Assert.Equal("lxdfan0", r.Network);
        Assert.Equal(("eth1", "192.168.0.0/16", "240.0.0.0/8", 1500), (r.Options!.Interface, r.Options.Underlay.ToString(), r.Options.Overlay.ToString(), r.Options.UnderlayMtu));
        Assert.Equal(Ipv4Address.Parse("192.168.7.9"), r.LocalVtep);
    }

    [Fact]
    public void Overlay_and_bridge_mtu_are_LXDs_when_set()
    {
        var r = FanResolver.Resolve(new FanSettings(), [Fan(("fan.underlay_subnet", "10.20.0.0/16"), ("fan.overlay_subnet", "250.0.0.0/8"), ("bridge.mtu", "8950"))], Host);

        Assert.Equal(("eth0", "250.0.0.0/8", 9000), (r.Options!.Interface, r.Options.Overlay.ToString(), r.Options.UnderlayMtu));
        Assert.Equal(Ipv4Address.Parse("10.20.3.4"), r.LocalVtep);
    }

    [Fact]
    public void Without_bridge_mtu_the_fan_MTU_follows_the_underlay_interface()
    {
        var r = FanResolver.Resolve(new FanSettings(), [Fan(("fan.underlay_subnet", "10.20.0.0/16"))], Host);

        Assert.Equal(9000, r.Options!.UnderlayMtu);
    }

    [Fact]
    public void Each_setting_overrides_LXDs_value()
    {
        var settings = new FanSettings { Interface = "bond0", Overlay = Ipv4Subnet.Parse("241.0.0.0/8"), UnderlayMtu = 1400 };

        var r = FanResolver.Resolve(settings, [Fan(("fan.underlay_subnet", "192.168.0.0/16"), ("bridge.mtu", "1450"))], Host);

        Assert.Equal(("bond0", "192.168.0.0/16", "241.0.0.0/8", 1400), (r.Options!.Interface, r.Options.Underlay.ToString(), r.Options.Overlay.ToString(), r.Options.UnderlayMtu));
        Assert.Null(r.LocalVtep);
    }

    [Fact]
    public void Complete_settings_need_no_fan_network()
    {
        var r = FanResolver.Resolve(new FanSettings { Interface = "eth1", Underlay = Ipv4Subnet.Parse("192.168.0.0/16") }, null, Host);

        Assert.Null(r.Network);
        Assert.Equal(Ipv4Address.Parse("192.168.7.9"), r.LocalVtep);
    }

    [Fact]
    public void No_fan_network_and_no_settings_is_no_fan_to_watch()
    {
        Assert.Null(FanResolver.Resolve(new FanSettings(), [Plain], Host).Options);
    }

    [Theory]
    [InlineData("fan.type", "ipip", "uses fan.type=ipip: there is no VXLAN to capture")]
    [InlineData("fan.underlay_subnet", "auto", "has fan.underlay_subnet 'auto'; set Agent:Fan:Underlay")]
    [InlineData("fan.underlay_subnet", "172.16.0.0/16", "no interface of this host has an address in the fan's underlay 172.16.0.0/16; set Agent:Fan:Interface")]
    [InlineData("fan.underlay_subnet", "192.168.0.0/20", "cannot be mapped")]
    [InlineData("fan.overlay_subnet", "250.0.0", "has fan.overlay_subnet '250.0.0'")]
    [InlineData("bridge.mtu", "big", "has bridge.mtu 'big', not a number")]
    public void A_fan_that_cannot_be_watched_is_an_error_naming_the_key(string key, string value, string expected)
    {
        var config = new Dictionary<string, string> { ["fan.underlay_subnet"] = "192.168.0.0/16", [key] = value };

        var e = Assert.Throws<InvalidOperationException>(() => FanResolver.Resolve(new FanSettings(), [Fan([.. config.Select(c => (c.Key, c.Value))])], Host));

        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Some_settings_without_a_fan_network_say_what_is_missing()
    {
        var e = Assert.Throws<InvalidOperationException>(() => FanResolver.Resolve(new FanSettings { Interface = "eth1" }, [Plain], Host));

        Assert.Contains("no fan network (bridge.mode=fan) and Agent:Fan names no Interface and Underlay", e.Message, StringComparison.Ordinal);
    }
}
