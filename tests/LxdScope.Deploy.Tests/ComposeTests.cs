using System.Text.Json;
using LxdScope.Deploy.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace LxdScope.Deploy.Tests;

/// <summary>
/// deploy/compose and deploy/grafana: the pieces fit (mounts exist, paths and names agree between
/// the compose file, the Prometheus configuration and Grafana's provisioning), and the
/// dashboards' ${DS_PROMETHEUS} input is resolved to the provisioned datasource by the same
/// script the compose file runs. Docker and Grafana themselves do not run here.
/// </summary>
public sealed class ComposeTests
{
    private static readonly string ComposeDir = Repository.File("deploy", "compose");

    [Fact]
    public void The_central_side_has_its_services()
    {
        var services = Services();

        Assert.Equal(["alertmanager", "collector", "dashboards", "grafana", "prometheus"], services.Children.Keys.Select(k => k.ToString()).Order());
    }

    [Fact]
    public void Every_file_mounted_from_the_repository_exists()
    {
        // Files the operator makes from an example (ignored by git) are the only exceptions.
        var operatorFiles = File.ReadAllLines(Path.Combine(ComposeDir, ".gitignore")).Where(l => l.Length > 0).ToList();
        var mounts = Services().Children.Values.Cast<YamlMappingNode>()
            .Where(s => s.Children.ContainsKey("volumes"))
            .SelectMany(s => ((YamlSequenceNode)s["volumes"]).Select(v => v.ToString().Split(':')[0]))
            .Where(source => source.StartsWith('.'))
            .ToList();

        Assert.NotEmpty(mounts);
        foreach (var source in mounts)
        {
            var path = Path.GetFullPath(Path.Combine(ComposeDir, source));
            Assert.True(File.Exists(path) || Directory.Exists(path) || operatorFiles.Contains(source.TrimStart('.', '/')), $"{source} is mounted but does not exist");
        }

        Assert.True(File.Exists(Repository.File("deploy", "config", "collector.json")));
    }

    [Fact]
    public void Prometheus_finds_its_rules_where_compose_mounts_them()
    {
        var volumes = Volumes("prometheus");

        Assert.Contains("../prometheus/prometheus.yml:/etc/prometheus/prometheus.yml:ro", volumes);
        Assert.Contains("../../alerts/lxdscope.rules.yml:/etc/prometheus/rules/lxdscope.rules.yml:ro", volumes);
        // rule_files is relative to the configuration file: /etc/prometheus/rules/….
        Assert.Contains("  - rules/lxdscope.rules.yml", Repository.Read("deploy", "prometheus", "prometheus.yml"), StringComparison.Ordinal);
        Assert.Contains("http://0.0.0.0:9470", Services()["collector"]["command"].ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Provisioned_dashboards_use_the_provisioned_datasource()
    {
        var datasource = (YamlMappingNode)((YamlSequenceNode)Yaml("grafana", "provisioning", "datasources", "lxdscope.yml")["datasources"])[0];
        var uid = datasource["uid"].ToString();
        var provider = (YamlMappingNode)((YamlSequenceNode)Yaml("grafana", "provisioning", "dashboards", "lxdscope.yml")["providers"])[0];
        var dashboardPath = provider["options"]["path"].ToString();

        // Compose: the preparing container gets this uid, Grafana reads its output where the provider looks.
        Assert.Contains(uid, Services()["dashboards"]["command"].ToString(), StringComparison.Ordinal);
        Assert.Contains($"grafana-dashboards:{dashboardPath}:ro", Volumes("grafana"));
        Assert.Equal("http://prometheus:9090", datasource["url"].ToString());

        using var dir = new TempDirectory();
        var result = await Tool.Run("sh", Repository.Root, Repository.File("deploy", "grafana", "prepare-dashboards"), Path.Combine(Repository.Root, "dashboards"), dir.Path, uid);
        Assert.True(result.ExitCode == 0, result.Output);

        var sources = Directory.GetFiles(Path.Combine(Repository.Root, "dashboards"), "*.json").Select(Path.GetFileName).Order().ToList();
        Assert.Equal(sources, Directory.GetFiles(dir.Path).Select(Path.GetFileName).Order().ToList());
        foreach (var file in Directory.GetFiles(dir.Path))
        {
            var text = await File.ReadAllTextAsync(file);
            Assert.DoesNotContain("${DS_PROMETHEUS}", text, StringComparison.Ordinal);
            using var doc = JsonDocument.Parse(text);
            var uids = Datasources(doc.RootElement).ToList();
            Assert.NotEmpty(uids);
            Assert.All(uids, u => Assert.Equal(uid, u));
        }
    }

    [Fact]
    public async Task Preparing_dashboards_from_an_empty_directory_is_an_error()
    {
        using var empty = new TempDirectory();
        using var dest = new TempDirectory();

        var result = await Tool.Run("sh", Repository.Root, Repository.File("deploy", "grafana", "prepare-dashboards"), empty.Path, dest.Path);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("no dashboards", result.Stderr, StringComparison.Ordinal);
    }

    private static IEnumerable<string> Datasources(JsonElement e)
    {
        if (e.ValueKind == JsonValueKind.Object)
        {
            foreach (var p in e.EnumerateObject())
            {
                if (p.Name == "datasource" && p.Value.ValueKind == JsonValueKind.Object && p.Value.TryGetProperty("uid", out var uid))
                {
                    yield return uid.GetString()!;
                }

                foreach (var inner in Datasources(p.Value))
                {
                    yield return inner;
                }
            }
        }
        else if (e.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in e.EnumerateArray().SelectMany(Datasources))
            {
                yield return item;
            }
        }
    }

    private static YamlMappingNode Services() => (YamlMappingNode)Yaml("compose", "docker-compose.yml")["services"];

    private static List<string> Volumes(string service) => [.. ((YamlSequenceNode)Services()[service]["volumes"]).Select(v => v.ToString())];

    private static YamlMappingNode Yaml(params string[] path)
    {
        var stream = new YamlStream();
        using var reader = new StringReader(Repository.Read(["deploy", .. path]));
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }
}
