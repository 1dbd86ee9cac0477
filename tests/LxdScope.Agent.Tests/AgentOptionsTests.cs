using Microsoft.Extensions.Configuration;

namespace LxdScope.Agent.Tests;

public sealed class AgentOptionsTests
{
    private static AgentOptions From(bool requireCollector, params (string Key, string Value)[] settings) =>
        AgentOptions.From(
            new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>("Agent:" + s.Key, s.Value))).Build(),
            requireCollector);

    [Fact]
    public void Durations_collectors_and_defaults_are_read()
    {
        var o = From(false, ("Cluster", "prod"), ("Interval", "500ms"), ("Disable", "instances, reachability"), ("Collectors:raft:Enabled", "false"));

        Assert.Equal("prod", o.Cluster);
        Assert.Equal(TimeSpan.FromMilliseconds(500), o.Interval);
        Assert.Equal(TimeSpan.FromSeconds(5), o.CollectorTimeout); // not cut to the interval: an abandoned request is an error in LXD's log
        Assert.Equal(["instances", "raft", "reachability"], o.Disabled.Order());
        Assert.False(string.IsNullOrEmpty(o.AgentId));
    }

    [Theory]
    [InlineData("Cluster is required")]
    public void A_missing_cluster_is_named(string expected)
    {
        var e = Assert.Throws<AgentConfigurationException>(() => From(false));

        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Collector", "ftp://x", "must be an http(s) URL")]
    [InlineData("Interval", "ten seconds", "must be a duration")]
    [InlineData("Interval", "2h", "must be a duration")]
    [InlineData("Disable", "gobal", "Unknown collector 'gobal'")]
    [InlineData("TokenFile", "/nonexistent/token", "cannot be read")]
    public void Wrong_settings_are_refused_with_their_name(string key, string value, string expected)
    {
        var e = Assert.Throws<AgentConfigurationException>(() => From(false, ("Cluster", "prod"), (key, value)));

        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Pushing_needs_a_collector_and_a_token()
    {
        Assert.Contains("Collector is required", Assert.Throws<AgentConfigurationException>(() => From(true, ("Cluster", "prod"))).Message, StringComparison.Ordinal);
        Assert.Contains("Token", Assert.Throws<AgentConfigurationException>(() => From(true, ("Cluster", "prod"), ("Collector", "http://127.0.0.1:9470"))).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_token_file_is_read_and_trimmed()
    {
        var path = Path.GetTempFileName();
        File.WriteAllText(path, "s3cret\n");

        var o = From(true, ("Cluster", "prod"), ("Collector", "http://127.0.0.1:9470"), ("TokenFile", path));

        Assert.Equal("s3cret", o.Token);
    }
}
