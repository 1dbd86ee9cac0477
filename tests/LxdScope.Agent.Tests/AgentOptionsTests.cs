using LxdScope.Lxd.Content;
using LxdScope.Lxd.Safety;
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
        Assert.Equal(TimeSpan.FromSeconds(5), o.SourceTimeout); // not cut to the interval: an abandoned request is an error in LXD's log
        Assert.Equal(["instances", "raft", "reachability"], o.Disabled.Order());
        Assert.False(string.IsNullOrEmpty(o.AgentId));
        Assert.Equal(8_640, o.SpoolMaxReports);
        Assert.Equal(256L * 1024 * 1024, o.SpoolMaxBytes);
    }

    [Fact]
    public void Spool_limits_are_read()
    {
        var o = From(false, ("Cluster", "prod"), ("Spool:MaxReports", "5"), ("Spool:MaxBytes", "100000"));

        Assert.Equal(5, o.SpoolMaxReports);
        Assert.Equal(100_000, o.SpoolMaxBytes);
    }

    [Fact]
    public void Collector_tls_files_are_read()
    {
        var o = From(false, ("Cluster", "prod"), ("CollectorCaFile", "/etc/lxdscope/ca.crt"), ("ClientCertificateFile", "/etc/lxdscope/agent.crt"), ("ClientKeyFile", " /etc/lxdscope/agent.key "));
        var none = From(false, ("Cluster", "prod"));

        Assert.Equal(("/etc/lxdscope/ca.crt", "/etc/lxdscope/agent.crt", "/etc/lxdscope/agent.key"), (o.CollectorCaFile, o.ClientCertificateFile, o.ClientKeyFile));
        Assert.Equal((null, null, null), (none.CollectorCaFile, none.ClientCertificateFile, none.ClientKeyFile));
    }

    [Theory]
    [InlineData("Cluster is required")]
    public void A_missing_cluster_is_named(string expected)
    {
        var e = Assert.Throws<AgentConfigurationException>(() => From(false));

        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Collector", "ftp://x", "must be http(s) URLs")]
    [InlineData("Collector", "http://a:9470,ftp://b", "not 'ftp://b'")]
    [InlineData("Collector", "http://a:9470, http://a:9470/", "twice")]
    [InlineData("FailbackAfter", "0s", "must be a duration")]
    [InlineData("Interval", "ten seconds", "must be a duration")]
    [InlineData("Interval", "2h", "must be a duration")]
    [InlineData("Disable", "gobal", "Unknown collector 'gobal'")]
    [InlineData("TokenFile", "/nonexistent/token", "cannot be read")]
    [InlineData("Spool:MaxReports", "0", "Agent:Spool:MaxReports must be a whole number")]
    [InlineData("Spool:MaxReports", "3000000000", "Agent:Spool:MaxReports must be a whole number")]
    [InlineData("Spool:MaxBytes", "-1", "Agent:Spool:MaxBytes must be a whole number")]
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

    [Fact]
    public void Several_collectors_come_as_a_list_or_an_array_in_order()
    {
        var listed = From(false, ("Cluster", "prod"), ("Collector", "http://c1:9470, http://c2:9470"), ("FailbackAfter", "30s"));
        var array = From(false, ("Cluster", "prod"), ("Collector:0", "http://c1:9470"), ("Collector:1", "http://c2:9470"));

        Assert.Equal([new Uri("http://c1:9470"), new Uri("http://c2:9470")], listed.CollectorUrls);
        Assert.Equal(listed.CollectorUrls, array.CollectorUrls);
        Assert.Equal(TimeSpan.FromSeconds(30), listed.FailbackAfter);
        Assert.Equal(TimeSpan.FromMinutes(2), array.FailbackAfter);
    }

    [Fact]
    public void A_spool_directory_inside_the_LXD_directory_is_refused()
    {
        var lxd = Directory.CreateTempSubdirectory("lxdscope-lxd-").FullName;
        try
        {
            var link = lxd + "-spool";
            Directory.CreateSymbolicLink(link, Path.Combine(lxd, "database"));
            try
            {
                var e = Assert.Throws<OutputPathRefusedException>(() => From(false, ("Cluster", "prod"), ("LxdDir", lxd), ("SpoolDirectory", link + "/spool")));

                Assert.Contains("Agent:SpoolDirectory", e.Message, StringComparison.Ordinal);
                Assert.False(Directory.Exists(Path.Combine(lxd, "database", "spool")));
            }
            finally
            {
                File.Delete(link);
            }
        }
        finally
        {
            Directory.Delete(lxd, recursive: true);
        }
    }

    [Fact]
    public void A_spool_directory_in_a_default_LXD_location_is_refused() =>
        Assert.Throws<OutputPathRefusedException>(() => From(false, ("Cluster", "prod"), ("SpoolDirectory", "/var/snap/lxd/common/lxd/../lxd/spool")));

    [Fact]
    public void Redaction_is_on_by_default_and_extended_by_configuration()
    {
        var defaults = From(false, ("Cluster", "prod"));
        var extended = From(false, ("Cluster", "prod"), ("Content:Redact:0", "instances_config:user.licence-*"), ("Content:Redact:1", "mytable.token_col"));
        var off = From(false, ("Cluster", "prod"), ("Content:RedactSecrets", "false"));

        Assert.True(defaults.RedactSecrets);
        Assert.Equal(RedactionRule.Defaults, defaults.Redactions);
        Assert.Equal([.. RedactionRule.Defaults, new RedactionRule("instances_config", "user.licence-*", null), new RedactionRule("mytable", null, "token_col")], extended.Redactions);
        Assert.False(off.RedactSecrets);
    }

    [Theory]
    [InlineData("Content:RedactSecrets", "no", "Agent:Content:RedactSecrets must be true or false")]
    [InlineData("Content:Redact", "instances_config", "Agent:Content:Redact:")]
    public void Bad_redaction_settings_are_refused(string key, string value, string expected)
    {
        var e = Assert.Throws<AgentConfigurationException>(() => From(false, ("Cluster", "prod"), (key, value)));

        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }
}
