using LxdScope.Agent.Collectors;
using Microsoft.Extensions.Configuration;

namespace LxdScope.Agent.Tests.Fan;

/// <summary>The Agent:Fan settings and whether the fan collector runs.</summary>
public sealed class FanMonitorOptionsTests
{
    private static AgentOptions From(params (string Key, string Value)[] settings) =>
        AgentOptions.From(
            new ConfigurationBuilder().AddInMemoryCollection(
                settings.Append((Key: "Cluster", Value: "prod")).Select(s => new KeyValuePair<string, string?>("Agent:" + s.Key, s.Value))).Build(),
            requireCollector: false);

    [Fact]
    public void Without_an_interface_there_is_no_fan_collector()
    {
        var options = From();

        Assert.Null(options.Fan);
        Assert.DoesNotContain(CollectorSet.Create(options, new ContentFeedback()).Second, c => c.Name == "fan");
    }

    [Fact]
    public void Interface_and_underlay_turn_the_fan_collector_on_with_defaults()
    {
        var options = From(("Fan:Interface", "eth0"), ("Fan:Underlay", "192.168.0.0/16"), ("Interval", "15s"));

        Assert.NotNull(options.Fan);
        Assert.Equal("240.0.0.0/8", options.Fan.Overlay.ToString());
        Assert.Equal(8472, options.Fan.Port);
        Assert.Equal(TimeSpan.FromSeconds(15), options.Fan.ProbeInterval);
        Assert.True(options.Fan.MtuProbe);
        Assert.Contains(CollectorSet.Create(options, new ContentFeedback()).Second, c => c.Name == "fan");
    }

    [Fact]
    public void The_loss_threshold_is_a_percentage()
    {
        var options = From(("Fan:Interface", "eth0"), ("Fan:Underlay", "192.168.0.0/16"), ("Fan:LossThreshold", "2%"));

        Assert.Equal(0.02, options.Fan!.Thresholds.LossRate, 9);
        Assert.Equal(0.005, From(("Fan:Interface", "eth0"), ("Fan:Underlay", "192.168.0.0/16")).Fan!.Thresholds.LossRate, 9);
    }

    [Fact]
    public void The_fan_collector_can_be_switched_off()
    {
        var options = From(("Fan:Interface", "eth0"), ("Fan:Underlay", "192.168.0.0/16"), ("Disable", "fan"));

        Assert.DoesNotContain(CollectorSet.Create(options, new ContentFeedback()).Second, c => c.Name == "fan");
    }

    [Theory]
    [InlineData("Fan:Underlay", "", "Agent:Fan:Underlay is required")]
    [InlineData("Fan:Underlay", "192.168.0.0/20", "must be a /16 or a /24")]
    [InlineData("Fan:Overlay", "240.0.0.0", "is not an IPv4 subnet")]
    [InlineData("Fan:Port", "70000", "Agent:Fan:")]
    [InlineData("Fan:LossThreshold", "0", "Agent:Fan:LossThreshold: the loss threshold must be above 0 %")]
    [InlineData("Fan:LossThreshold", "many", "Agent:Fan:")]
    public void Wrong_fan_settings_are_refused_with_their_name(string key, string value, string expected)
    {
        var settings = new List<(string, string)> { ("Fan:Interface", "eth0"), ("Fan:Underlay", "192.168.0.0/16") };
        settings.RemoveAll(s => s.Item1 == key);
        settings.Add((key, value));

        var e = Assert.Throws<AgentConfigurationException>(() => From([.. settings]));

        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }
}
