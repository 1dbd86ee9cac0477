using System.Text.Json;
using LxdScope.SystemTests.Testbed;

namespace LxdScope.SystemTests.Fan;

/// <summary>
/// The agent takes the fan from LXD's own network configuration. This kernel cannot run an LXD fan
/// network (no fan-map, and <c>lxc network create … bridge.mode=fan</c> stops here at dnsmasq, leaving
/// the network errored), so the test writes a created fan network's rows into the testbed's global
/// database with <c>lxd sql global</c>, as LXD itself stores them, and runs <c>lxdscope agent --once</c>
/// against that member's socket from a fan lab host's namespace, whose eth0 sits on the underlay.
/// </summary>
[Collection(TestbedCollection.Name)]
public sealed class FanLxdConfigurationTests(TestbedFixture testbed)
{
    private const string Network = "lxsfan0";

    [Fact]
    public async Task The_agents_fan_map_is_LXDs_fan_network_with_its_settings_overriding()
    {
        await testbed.WaitAllOnline("node1", TimeSpan.FromSeconds(90));
        await using var lab = await FanLab.UpAsync("lxdcfg");
        await Sql($"DELETE FROM networks WHERE name = '{Network}'");

        // No fan network: the fan collector succeeds with nothing to report.
        var before = await AgentOnce(lab);
        Assert.True(Collector(before).GetProperty("success").GetBoolean(), Collector(before).ToString());
        Assert.Equal(JsonValueKind.Null, before.GetProperty("fan").ValueKind);

        try
        {
            await Sql(
                $"INSERT INTO networks (project_id, name, description, state, type) VALUES (1, '{Network}', '', 1, 0)",
                $"INSERT INTO networks_nodes (network_id, node_id, state) SELECT n.id, nodes.id, 1 FROM networks n, nodes WHERE n.name = '{Network}'",
                Config("bridge.mode", "fan"),
                Config("fan.underlay_subnet", "192.168.0.0/16"),
                Config("fan.overlay_subnet", "250.0.0.0/8"),
                Config("bridge.mtu", "1400"),
                Config("ipv4.nat", "true"));
            var rows = (await testbed.LxdSql("node1", "global", $"SELECT key, value FROM networks_config WHERE network_id = (SELECT id FROM networks WHERE name = '{Network}') ORDER BY key")).Stdout;
            Assert.Contains("fan.overlay_subnet", rows, StringComparison.Ordinal);
            Assert.Contains("250.0.0.0/8", rows, StringComparison.Ordinal);

            var fan = (await AgentOnce(lab)).GetProperty("fan");
            Assert.Equal("eth0", fan.GetProperty("interface").GetString());
            Assert.Equal("192.168.0.0/16", fan.GetProperty("underlay").GetString());
            Assert.Equal("250.0.0.0/8", fan.GetProperty("overlay").GetString());
            Assert.Equal(0xFA0000, fan.GetProperty("vni").GetInt64()); // 250.0.0.0 >> 8
            Assert.Equal(1400, fan.GetProperty("fan_mtu").GetInt32());
            Assert.Equal("192.168.0.1", fan.GetProperty("local_vtep").GetString());

            // Agent:Fan values override LXD's, one by one.
            var overridden = (await AgentOnce(lab, ("LXDSCOPE_Agent__Fan__Overlay", "251.0.0.0/8"), ("LXDSCOPE_Agent__Fan__UnderlayMtu", "1500"))).GetProperty("fan");
            Assert.Equal(("251.0.0.0/8", 1450, "192.168.0.0/16"), (overridden.GetProperty("overlay").GetString(), overridden.GetProperty("fan_mtu").GetInt32(), overridden.GetProperty("underlay").GetString()));
        }
        finally
        {
            await Sql($"DELETE FROM networks WHERE name = '{Network}'");
        }
    }

    private static string Config(string key, string value) =>
        $"INSERT INTO networks_config (network_id, node_id, key, value) SELECT id, NULL, '{key}', '{value}' FROM networks WHERE name = '{Network}'";

    private async Task Sql(params string[] statements)
    {
        foreach (var statement in statements)
        {
            var result = await testbed.LxdSql("node1", "global", statement);
            Assert.True(result.ExitCode == 0, $"lxd sql global \"{statement}\": {result.Stderr}");
        }
    }

    /// <summary>One collection by the agent in lab host 1's namespace, against node1's socket; the printed report.</summary>
    private async Task<JsonElement> AgentOnce(FanLab lab, params (string Key, string Value)[] env)
    {
        await Executable.EnsureBuiltAsync();
        var result = await Processes.RunAsync(
            "ip",
            ["netns", "exec", lab.Host(1), Executable.Binary, "agent", "--once", "--cluster", "testbed", "--lxd-dir", testbed.MemberDir("node1"), "--disable", "local-content,global-content,reachability"],
            TimeSpan.FromMinutes(2),
            env.ToDictionary(e => e.Key, e => e.Value));
        Assert.True(result.ExitCode == 0, $"agent --once: {result.ExitCode} {result.Stderr}");
        return JsonDocument.Parse(result.Stdout).RootElement.Clone();
    }

    private static JsonElement Collector(JsonElement report) =>
        report.GetProperty("collectors").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "fan");
}
