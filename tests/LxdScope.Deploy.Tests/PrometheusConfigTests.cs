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
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir.File("rules"));
        File.Copy(Path.Combine(Repo.Root, "alerts", "lxdscope.rules.yml"), Path.Combine(dir.File("rules"), "lxdscope.rules.yml"));
        await File.WriteAllTextAsync(dir.File("viewer-token"), "a-viewer-token");
        var shipped = Repo.Read("deploy", "prometheus", "prometheus.yml");
        Assert.Equal(2, shipped.Split(TokenFile).Length - 1);
        await File.WriteAllTextAsync(dir.File("prometheus.yml"), shipped.Replace(TokenFile, dir.File("viewer-token"), StringComparison.Ordinal));

        var result = await Tool.Run("promtool", dir.Path, "check", "config", "prometheus.yml");
        var alerts = AlertLine().Count(Repo.Read("alerts", "lxdscope.rules.yml"));

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Contains("SUCCESS: 1 rule files found", result.Output, StringComparison.Ordinal);
        Assert.Contains($"SUCCESS: {alerts} rules found", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Prometheus_scrapes_both_endpoints_of_the_collector()
    {
        var root = Load("prometheus", "prometheus.yml");
        var jobs = ((YamlSequenceNode)root["scrape_configs"]).Cast<YamlMappingNode>().ToList();

        Assert.Contains(jobs, j => !j.Children.ContainsKey("metrics_path"));
        Assert.Contains(jobs, j => j.Children.TryGetValue("metrics_path", out var p) && p.ToString() == "/metrics/lxd");
        Assert.All(jobs, j => Assert.Contains("collector:9470", j["static_configs"].ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public void Prometheus_reads_the_collector_as_a_viewer_with_the_token_compose_mounts()
    {
        var jobs = ((YamlSequenceNode)Load("prometheus", "prometheus.yml")["scrape_configs"]).Cast<YamlMappingNode>().ToList();
        var compose = Repo.Read("deploy", "compose", "docker-compose.yml");

        Assert.Equal(2, jobs.Count);
        foreach (var job in jobs)
        {
            var file = job["authorization"]["credentials_file"].ToString();
            Assert.Equal(TokenFile, file);
            Assert.Contains($"./viewer-token:{file}:ro", compose, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Amtool_accepts_the_alertmanager_configuration()
    {
        var result = await Tool.Run("amtool", Path.Combine(Repo.Deploy, "alertmanager"), "check-config", "alertmanager.yml");

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Contains("SUCCESS", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Critical_alerts_page_and_others_do_not()
    {
        var dir = Path.Combine(Repo.Deploy, "alertmanager");
        var critical = await Tool.Run("amtool", dir, "config", "routes", "test", "--config.file=alertmanager.yml", "--verify.receivers=lxd-pager", "alertname=LxdMemberOffline", "severity=critical", "cluster=prod");
        var warning = await Tool.Run("amtool", dir, "config", "routes", "test", "--config.file=alertmanager.yml", "--verify.receivers=lxd-tickets", "alertname=LxdScopeAgentDown", "severity=warning", "cluster=prod");

        Assert.True(critical.ExitCode == 0, critical.Output);
        Assert.True(warning.ExitCode == 0, warning.Output);
    }

    [Fact]
    public async Task Amtool_refuses_a_broken_configuration()
    {
        using var dir = new TempDirectory();
        await File.WriteAllTextAsync(dir.File("am.yml"), Repo.Read("deploy", "alertmanager", "alertmanager.yml").Replace("receiver: lxd-tickets", "receiver: nobody", StringComparison.Ordinal));

        var result = await Tool.Run("amtool", dir.Path, "check-config", "am.yml");

        Assert.NotEqual(0, result.ExitCode);
    }

    private static YamlMappingNode Load(params string[] path)
    {
        var stream = new YamlStream();
        using var reader = new StringReader(Repo.Read(["deploy", .. path]));
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    private const string TokenFile = "/etc/prometheus/lxdscope-viewer-token";

    [GeneratedRegex(@"^\s+- alert:\s", RegexOptions.Multiline)]
    private static partial Regex AlertLine();
}
