using LxdScope.Agent.Sources;
using Microsoft.Extensions.Configuration;

namespace LxdScope.Agent.Tests.Fan;

/// <summary>The Agent:Fan settings (overrides of LXD's fan) and whether the fan collector runs.</summary>
public sealed class FanSettingsTests
{
    private static AgentOptions From(params (string Key, string Value)[] settings) =>
        AgentOptions.From(
            new ConfigurationBuilder().AddInMemoryCollection(
                settings.Append((Key: "Cluster", Value: "prod")).Select(s => new KeyValuePair<string, string?>("Agent:" + s.Key, s.Value))).Build(),
            requireCollector: false);

    [Fact]
    public void By_default_the_fan_collector_runs_and_takes_the_fan_from_LXD()
    {
        var options = From(("Interval", "15s"));

        Assert.NotNull(options.Fan);
        Assert.Null(options.Fan.Interface);
        Assert.Null(options.Fan.Underlay);
        Assert.False(options.Fan.Complete);
        Assert.Equal(8472, options.Fan.Port);
        Assert.Equal(TimeSpan.FromSeconds(15), options.Fan.ProbeInterval);
        Assert.True(options.Fan.MtuProbe);
        Assert.Contains(SourceSet.Create(options, new ContentFeedback()).Second, c => c.Name == "fan");
    }

    [Fact]
    public void Enabled_false_switches_the_fan_collector_off()
    {
        var options = From(("Fan:Enabled", "false"), ("Fan:Interface", "eth0"));

        Assert.Null(options.Fan);
        Assert.DoesNotContain(SourceSet.Create(options, new ContentFeedback()).Second, c => c.Name == "fan");
    }

    [Fact]
    public void Interface_and_underlay_override_LXD_and_need_no_LXD()
    {
        var options = From(("Fan:Interface", "eth0"), ("Fan:Underlay", "192.168.0.0/16"), ("Fan:UnderlayMtu", "9000"));

        Assert.True(options.Fan!.Complete);
        Assert.Equal(("eth0", "192.168.0.0/16", 9000), (options.Fan.Interface, options.Fan.Underlay.ToString(), options.Fan.UnderlayMtu));
        Assert.Null(options.Fan.Overlay);
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

        Assert.DoesNotContain(SourceSet.Create(options, new ContentFeedback()).Second, c => c.Name == "fan");
    }

    [Theory]
    [InlineData("Fan:Enabled", "maybe", "Agent:Fan:Enabled must be true or false, not 'maybe'")]
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
