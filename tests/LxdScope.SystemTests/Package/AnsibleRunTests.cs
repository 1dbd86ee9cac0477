using System.Text.Json;
using System.Text.RegularExpressions;
using LxdScope.SystemTests.Testbed;

namespace LxdScope.SystemTests.Package;

/// <summary>
/// deploy/ansible/site.yml run for real, through Ansible's lxd connection (lxc exec, lxc file
/// push), against a Debian 12 systemd container that plays both the collector and an LXD host
/// (node1's directory read-only at /var/lib/lxd): installed from the package, started, reporting;
/// the second run changes nothing.
/// </summary>
[Collection(TestbedCollection.Name)]
public sealed partial class AnsibleRunTests(TestbedFixture testbed) : IAsyncLifetime
{
    private const string Host = "lxdscope-pkg-ansible";
    private readonly PackageContainer container = new(Host);
    private readonly DirectoryInfo work = Directory.CreateTempSubdirectory("lxdscope-ansible-");

    public async Task InitializeAsync()
    {
        await testbed.WaitAllOnline("node1", TimeSpan.FromSeconds(90));
        await container.UpAsync(testbed.MemberDir("node1"));
    }

    public async Task DisposeAsync()
    {
        await container.DownAsync();
        work.Delete(recursive: true);
    }

    [Fact]
    public async Task Playbook_installs_starts_and_reports_and_a_second_run_changes_nothing()
    {
        var deb = await PackageBuild.DebAsync();
        // The example inventory's shape: the container is both the collector and an LXD host, so
        // the agent reaches the collector on the container's loopback. The container already
        // exists (the first play, which creates it from an image server, has no hosts here).
        var inventory = Path.Combine(work.FullName, "inventory.yml");
        var host = new Dictionary<string, object>
        {
            ["ansible_connection"] = "community.general.lxd",
            ["ansible_host"] = Host,
            ["ansible_user"] = "root",
            // Already root through lxc exec; the image has no sudo.
            ["ansible_become"] = false,
            ["lxdscope_cluster"] = "testbed",
        };
        await File.WriteAllTextAsync(inventory, JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["all"] = new Dictionary<string, object>
            {
                ["vars"] = new Dictionary<string, object>
                {
                    ["lxdscope_package"] = deb,
                    ["lxdscope_collector_url"] = "http://127.0.0.1:9470",
                    ["lxdscope_clusters"] = new Dictionary<string, object> { ["testbed"] = new Dictionary<string, string> { ["token"] = Convert.ToHexString(Guid.NewGuid().ToByteArray()) } },
                    ["lxdscope_agent_lxd_dir"] = "/var/lib/lxd",
                    ["lxdscope_agent_interval"] = "2s",
                    // The members' addresses are the host's loopback, not the container's.
                    ["lxdscope_agent_disable"] = new[] { "reachability" },
                },
                ["children"] = new Dictionary<string, object>
                {
                    ["collector"] = new Dictionary<string, object> { ["hosts"] = new Dictionary<string, object> { [Host] = host } },
                    ["lxd_hosts"] = new Dictionary<string, object> { ["hosts"] = new Dictionary<string, object> { [Host] = host } },
                },
            },
        }));

        var first = await Playbook(inventory);
        Assert.True(first.ExitCode == 0, first.Stdout + first.Stderr);
        Assert.Matches($@"{Host}\s+: ok=\d+\s+changed=[1-9]", first.Stdout);

        Assert.Equal("active\nactive\n", await container.MustAsync("systemctl is-active lxdscope-collector lxdscope-agent"));
        Assert.Equal("install ok installed", await container.MustAsync("dpkg-query -W -f='${Status}' lxdscope"));
        string clusters = "";
        for (var i = 0; i < 60 && !clusters.Contains("\"agents_up\": 1", StringComparison.Ordinal); i++)
        {
            await Task.Delay(1000);
            clusters = (await container.ShAsync("curl -sf http://127.0.0.1:9470/api/v1/clusters")).Stdout;
        }

        using (var doc = JsonDocument.Parse(clusters))
        {
            var c = Assert.Single(doc.RootElement.EnumerateArray());
            Assert.Equal("testbed", c.GetProperty("name").GetString());
            Assert.Equal(1, c.GetProperty("agents_up").GetInt32());
            Assert.Equal(3, c.GetProperty("members").GetInt32());
        }

        var second = await Playbook(inventory);
        Assert.True(second.ExitCode == 0, second.Stdout + second.Stderr);
        var recap = Recap().Match(second.Stdout);
        Assert.True(recap.Success, second.Stdout);
        Assert.True(recap.Groups[1].Value == "0", $"the second run changed something:\n{second.Stdout}");
    }

    private Task<ProcessResult> Playbook(string inventory) =>
        Processes.RunAsync("ansible-playbook", ["-i", inventory, Path.Combine(Repository.Root, "deploy", "ansible", "site.yml")], TimeSpan.FromMinutes(8), new Dictionary<string, string>
        {
            // The lxd connection runs the controller's lxc, which talks to the LXD named by LXD_DIR.
            ["LXD_DIR"] = container.LxdDir,
            ["ANSIBLE_CONFIG"] = Path.Combine(Repository.Root, "deploy", "ansible", "ansible.cfg"),
            ["ANSIBLE_LOCAL_TEMP"] = Path.Combine(work.FullName, "tmp"),
            ["ANSIBLE_NOCOLOR"] = "1",
        });

    [GeneratedRegex(Host + @"\s+: ok=\d+\s+changed=(\d+)\s+unreachable=0\s+failed=0")]
    private static partial Regex Recap();
}
