using System.Text.RegularExpressions;
using LxdScope.Deploy.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace LxdScope.Deploy.Tests;

/// <summary>deploy/prometheus and deploy/alertmanager, checked by Prometheus's own promtool and Alertmanager's amtool.</summary>
public sealed partial class PrometheusConfigTests
{
    [Fact]
    public async Task Promtool_accepts_the_configuration_and_loads_every_alert_rule_through_it()
    {
        // promtool reads the viewer token file; the shipped path is the container's, so the
        // check runs on a copy pointing at a token file made here, next to the shipped rules.
        using var dir = await PromtoolDirectory();
        var shipped = Repository.Read("deploy", "prometheus", "prometheus.yml");
        Assert.Equal(4, shipped.Split(TokenFile).Length - 1);
        await File.WriteAllTextAsync(dir.File("prometheus.yml"), shipped.Replace(TokenFile, dir.File("viewer-token"), StringComparison.Ordinal));

        var result = await Tool.Run("promtool", dir.Path, "check", "config", "prometheus.yml");
        var alerts = AlertLine().Count(Repository.Read("alerts", "lxdscope.rules.yml"));

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Contains("SUCCESS: 1 rule files found", result.Output, StringComparison.Ordinal);
        Assert.Contains($"SUCCESS: {alerts} rules found", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Prometheus_scrapes_the_collectors_own_series_each_cluster_found_through_discovery_and_lxds_metrics()
    {
        var jobs = Jobs().ToDictionary(j => j["job_name"].ToString());

        Assert.Equal(["lxdscope", "lxdscope-clusters", "lxdscope-lxd"], jobs.Keys.Order());
        Assert.False(jobs["lxdscope"].Children.ContainsKey("metrics_path"));
        Assert.Contains("collector:9470", jobs["lxdscope"]["static_configs"].ToString(), StringComparison.Ordinal);
        Assert.Equal("/metrics/lxd", jobs["lxdscope-lxd"]["metrics_path"].ToString());
        Assert.Contains("collector:9470", jobs["lxdscope-lxd"]["static_configs"].ToString(), StringComparison.Ordinal);
        var clusters = jobs["lxdscope-clusters"];
        var discovery = (YamlMappingNode)Assert.Single((YamlSequenceNode)clusters["http_sd_configs"]);
        Assert.Equal("http://collector:9470/metrics/targets", discovery["url"].ToString());
        // The series carry their cluster label; the target's must not rename it to exported_cluster.
        Assert.Equal("true", clusters["honor_labels"].ToString());
        Assert.False(clusters.Children.ContainsKey("static_configs"));
    }

    [Fact]
    public void Prometheus_reads_the_collector_as_a_viewer_with_the_token_compose_mounts()
    {
        var jobs = Jobs();
        var compose = Repository.Read("deploy", "compose", "docker-compose.yml");
        var discoveries = jobs.Where(j => j.Children.ContainsKey("http_sd_configs")).SelectMany(j => ((YamlSequenceNode)j["http_sd_configs"]).Cast<YamlMappingNode>()).ToList();

        Assert.Equal(3, jobs.Count);
        Assert.Single(discoveries);
        // Discovery does not default the type to Bearer (prometheus/prometheus#12762): the file says it.
        Assert.All(discoveries, d => Assert.Equal("Bearer", d["authorization"]["type"].ToString()));
        foreach (var reader in jobs.Concat(discoveries))
        {
            var file = reader["authorization"]["credentials_file"].ToString();
            Assert.Equal(TokenFile, file);
            Assert.Contains($"./viewer-token:{file}:ro", compose, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_sharding_example_uncommented_is_a_valid_configuration_that_keeps_one_shard()
    {
        using var dir = await PromtoolDirectory();
        var shipped = Repository.Read("deploy", "prometheus", "prometheus.yml");
        var block = ShardingExample().Match(shipped);
        Assert.True(block.Success, "the commented relabel_configs example is in the lxdscope-clusters job");
        var uncommented = shipped.Replace(block.Value, block.Value.Replace("    # ", "    ", StringComparison.Ordinal), StringComparison.Ordinal);
        await File.WriteAllTextAsync(dir.File("prometheus.yml"), uncommented.Replace(TokenFile, dir.File("viewer-token"), StringComparison.Ordinal));

        var result = await Tool.Run("promtool", dir.Path, "check", "config", "prometheus.yml");
        var relabel = ((YamlSequenceNode)LoadFile(dir.File("prometheus.yml"))["scrape_configs"]).Cast<YamlMappingNode>()
            .Single(j => j["job_name"].ToString() == "lxdscope-clusters")["relabel_configs"].ToString();

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Contains("hashmod", relabel, StringComparison.Ordinal);
        Assert.Contains("cluster", relabel, StringComparison.Ordinal);
        Assert.Contains("keep", relabel, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Amtool_accepts_the_alertmanager_configuration()
    {
        var result = await Tool.Run("amtool", Repository.File("deploy", "alertmanager"), "check-config", "alertmanager.yml");

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Contains("SUCCESS", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Critical_alerts_page_and_others_do_not()
    {
        var dir = Repository.File("deploy", "alertmanager");
        var critical = await Tool.Run("amtool", dir, "config", "routes", "test", "--config.file=alertmanager.yml", "--verify.receivers=lxd-pager", "alertname=LxdMemberOffline", "severity=critical", "cluster=prod");
        var warning = await Tool.Run("amtool", dir, "config", "routes", "test", "--config.file=alertmanager.yml", "--verify.receivers=lxd-tickets", "alertname=LxdScopeAgentDown", "severity=warning", "cluster=prod");

        Assert.True(critical.ExitCode == 0, critical.Output);
        Assert.True(warning.ExitCode == 0, warning.Output);
    }

    [Fact]
    public async Task Amtool_refuses_a_broken_configuration()
    {
        using var dir = new TempDirectory();
        await File.WriteAllTextAsync(dir.File("am.yml"), Repository.Read("deploy", "alertmanager", "alertmanager.yml").Replace("receiver: lxd-tickets", "receiver: nobody", StringComparison.Ordinal));

        var result = await Tool.Run("amtool", dir.Path, "check-config", "am.yml");

        Assert.NotEqual(0, result.ExitCode);
    }

    private static List<YamlMappingNode> Jobs() =>
        ((YamlSequenceNode)Load("prometheus", "prometheus.yml")["scrape_configs"]).Cast<YamlMappingNode>().ToList();

    private static YamlMappingNode LoadFile(string file) => Parse(File.ReadAllText(file));

    private static YamlMappingNode Load(params string[] path) => Parse(Repository.Read(["deploy", .. path]));

    private static YamlMappingNode Parse(string text)
    {
        var stream = new YamlStream();
        using var reader = new StringReader(text);
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    private const string TokenFile = "/etc/prometheus/lxdscope-viewer-token";

    [GeneratedRegex(@"^\s+- alert:\s", RegexOptions.Multiline)]
    private static partial Regex AlertLine();

    [GeneratedRegex(@"^    # relabel_configs:\n(^    #  .*\n)+", RegexOptions.Multiline)]
    private static partial Regex ShardingExample();

    /// <summary>A directory promtool can check a copy of the configuration in: the shipped rules beside it and a viewer token file of the test's.</summary>
    private static async Task<TempDirectory> PromtoolDirectory()
    {
        var dir = new TempDirectory();
        Directory.CreateDirectory(dir.File("rules"));
        File.Copy(Path.Combine(Repository.Root, "alerts", "lxdscope.rules.yml"), Path.Combine(dir.File("rules"), "lxdscope.rules.yml"));
        await File.WriteAllTextAsync(dir.File("viewer-token"), "a-viewer-token");
        return dir;
    }
}
