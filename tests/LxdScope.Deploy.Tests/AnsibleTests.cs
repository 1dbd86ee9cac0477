using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using LxdScope.Agent;
using LxdScope.Collector;
using LxdScope.Deploy.Tests.Support;
using Microsoft.Extensions.Configuration;

namespace LxdScope.Deploy.Tests;

/// <summary>
/// deploy/ansible with Debian's ansible: the playbook passes --syntax-check, the inventory
/// parses and reaches the collector through the lxd connection plugin (which the package
/// ships), and the roles' templates, rendered by Ansible itself, are configurations the agent
/// and the collector accept. Nothing is installed on a host here.
/// </summary>
public sealed class AnsibleTests
{
    private static readonly string Dir = Repository.File("deploy", "ansible");

    [Fact]
    public async Task The_playbook_passes_syntax_check()
    {
        var result = await Tool.Run("ansible-playbook", Dir, "--syntax-check", "-i", "inventory.example.yml", "site.yml");

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Contains("playbook: site.yml", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_lxd_connection_plugin_is_installed()
    {
        var result = await Tool.Run("ansible-doc", Dir, "-t", "connection", "community.general.lxd");

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Contains("lxc", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_inventory_puts_agents_on_the_LXD_hosts_and_reaches_the_collector_through_lxd()
    {
        var result = await Tool.Run("ansible-inventory", Dir, "-i", "inventory.example.yml", "--list");
        Assert.True(result.ExitCode == 0, result.Output);
        using var doc = JsonDocument.Parse(result.Stdout);
        var root = doc.RootElement;
        var vars = root.GetProperty("_meta").GetProperty("hostvars");

        Assert.Equal(3, root.GetProperty("lxd_hosts").GetProperty("hosts").GetArrayLength());
        var collector = Assert.Single(root.GetProperty("collector").GetProperty("hosts").EnumerateArray()).GetString()!;
        Assert.Equal("community.general.lxd", vars.GetProperty(collector).GetProperty("ansible_connection").GetString());
        var containerHost = Assert.Single(root.GetProperty("collector_container_hosts").GetProperty("hosts").EnumerateArray()).GetString()!;
        Assert.Equal(collector, vars.GetProperty(containerHost).GetProperty("lxdscope_container_name").GetString());
        Assert.Equal(collector, vars.GetProperty(collector).GetProperty("ansible_host").GetString());
    }

    [Fact]
    public async Task The_rendered_agent_configuration_is_accepted_by_the_agent()
    {
        using var dir = new TempDirectory();
        await Render(dir, "lxdscope_agent", "agent.json");
        File.WriteAllText(dir.File("token"), "token-of-prod");

        var options = AgentOptions.From(ConfigExamplesTests.Load(dir.File("agent.json"), ("Agent:TokenFile", dir.File("token"))), requireCollector: true);

        Assert.Equal("prod", options.Cluster);
        Assert.Equal([new Uri("http://collector.test:9470")], options.CollectorUrls);
        Assert.Equal(TimeSpan.FromSeconds(10), options.Interval);
        Assert.Equal(["global-content", "raft"], options.Disabled.Order());
        Assert.Equal("/var/lib/lxdscope/spool", options.SpoolDirectory);
    }

    [Fact]
    public async Task The_rendered_collector_configuration_holds_the_token_hashes_of_clusters_console_users_and_viewers_and_validates()
    {
        using var dir = new TempDirectory();
        await Render(dir, "lxdscope_collector", "collector.json");

        var configuration = ConfigExamplesTests.Load(dir.File("collector.json"));
        var options = new CollectorOptions();
        configuration.GetSection(CollectorOptions.Section).Bind(options);

        Assert.True(new CollectorOptionsValidator().Validate(null, options).Succeeded);
        Assert.Equal(["edge", "prod"], options.Tokens.Select(t => t.Cluster));
        Assert.Equal(Sha256("token-of-prod"), options.Tokens.Single(t => t.Cluster == "prod").Sha256);
        Assert.Equal(Sha256("token-of-edge"), options.Tokens.Single(t => t.Cluster == "edge").Sha256);
        Assert.Equal(["ops", "ci"], options.Console.Tokens.Select(t => t.Name));
        Assert.Equal(Sha256("token-of-ops"), options.Console.Tokens[0].Sha256);
        Assert.Equal([true, false], options.Console.Tokens.Select(t => t.Admin));
        var viewer = Assert.Single(options.Viewers.Tokens);
        Assert.Equal(("prometheus", Sha256("token-of-prometheus")), (viewer.Name, viewer.Sha256));
        // By default as the kit's Prometheus scrapes it: each cluster a target of its own.
        Assert.False(options.Metrics.IncludeClusters);
        Assert.Equal("http://0.0.0.0:9470", configuration["Urls"]);
    }

    private static string Sha256(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>Renders a role's template with Ansible's template module on this machine (connection local, into a temporary directory).</summary>
    private static async Task Render(TempDirectory dir, string role, string name)
    {
        var vars = dir.File("vars.json");
        await File.WriteAllTextAsync(vars, """
            {
              "lxdscope_cluster": "prod",
              "lxdscope_collector_url": "http://collector.test:9470",
              "lxdscope_clusters": { "prod": { "token": "token-of-prod" }, "edge": { "token": "token-of-edge" } },
              "lxdscope_agent_disable": ["raft", "global-content"],
              "lxdscope_console_users": [{ "name": "ops", "token": "token-of-ops", "admin": true }, { "name": "ci", "token": "token-of-ci" }],
              "lxdscope_viewers": [{ "name": "prometheus", "token": "token-of-prometheus" }]
            }
            """);
        var defaults = Path.Combine(Dir, "roles", role, "defaults", "main.yml");
        var result = await Tool.Run(
            "ansible", Dir, "localhost", "-i", "localhost,", "-c", "local", "-m", "ansible.builtin.template",
            "-a", $"src={Path.Combine(Dir, "roles", role, "templates", name + ".j2")} dest={dir.File(name)}",
            "-e", "@" + defaults, "-e", "@" + vars);
        Assert.True(result.ExitCode == 0, result.Output);
    }
}
