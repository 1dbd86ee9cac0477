using System.Text.Json;
using LxdScope.SystemTests.Testbed;

namespace LxdScope.SystemTests.Fan;

/// <summary>
/// Real kernel VXLAN in network namespaces (deploy/testbed/fanlab), captured live through libpcap on
/// host 1's underlay by <c>lxdscope fan capture</c>, then the written pcap analysed offline by
/// <c>lxdscope fan analyze</c>: both must give the same verdict per pair.
/// </summary>
public sealed class FanLabTests
{
    [Fact]
    public async Task Healthy_mesh_is_healthy_with_RTT_live_and_offline()
    {
        var outcome = await FanLabScenario.RunAsync("ok", _ => Task.CompletedTask, async lab =>
        {
            Assert.Contains("3 received", (await lab.PingAsync(1, 2)).Stdout, StringComparison.Ordinal);
            Assert.Contains("3 received", (await lab.PingAsync(1, 3)).Stdout, StringComparison.Ordinal);
        });

        outcome.AssertVerdict("192.168.0.1-192.168.0.2", "healthy");
        outcome.AssertVerdict("192.168.0.1-192.168.0.3", "healthy");
        var up = outcome.Live["192.168.0.1-192.168.0.2"].GetProperty("a_to_b");
        Assert.Equal(3, up.GetProperty("echo_replies").GetInt64());
        Assert.InRange(up.GetProperty("rtt_avg_ms").GetDouble(), 0.001, 100);
        Assert.Equal("192.168.0.1", outcome.LiveRoot.GetProperty("local_vtep").GetString());
        Assert.Equal(
            outcome.Live["192.168.0.1-192.168.0.2"].GetProperty("a_to_b").GetProperty("echo_replies").GetInt64(),
            outcome.Offline["192.168.0.1-192.168.0.2"].GetProperty("a_to_b").GetProperty("echo_replies").GetInt64());
    }

    [Fact]
    public async Task Forwarding_entry_removed_is_arp_unanswered_naming_the_pair()
    {
        var outcome = await FanLabScenario.RunAsync(
            "fdb",
            lab => lab.FaultAsync("fdb", "2", "1"),
            async lab =>
            {
                Assert.Contains("0 received", (await lab.PingAsync(1, 2)).Stdout, StringComparison.Ordinal);
                Assert.Contains("3 received", (await lab.PingAsync(1, 3)).Stdout, StringComparison.Ordinal);
            });

        outcome.AssertVerdict("192.168.0.1-192.168.0.2", "arp-unanswered");
        outcome.AssertVerdict("192.168.0.1-192.168.0.3", "healthy");
        Assert.Contains("192.168.0.1 > 192.168.0.2:", outcome.Evidence("192.168.0.1-192.168.0.2"), StringComparison.Ordinal);
        Assert.Contains("who-has 240.0.2.10 tell 240.0.1.10", outcome.Evidence("192.168.0.1-192.168.0.2"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Underlay_path_smaller_than_the_fan_MTU_is_mtu_blackhole()
    {
        var outcome = await FanLabScenario.RunAsync(
            "mtu",
            lab => lab.FaultAsync("mtu", "2", "1300"),
            async lab =>
            {
                Assert.Contains("3 received", (await lab.PingAsync(1, 2)).Stdout, StringComparison.Ordinal);
                Assert.Contains("0 received", (await lab.PingAsync(1, 2, "-s", "1300", "-M", "do")).Stdout, StringComparison.Ordinal);
            });

        outcome.AssertVerdict("192.168.0.1-192.168.0.2", "mtu-blackhole");
        Assert.Contains("3 echo requests up to 84 bytes answered, 3 of 1328 bytes or more lost", outcome.Evidence("192.168.0.1-192.168.0.2"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fan_bridge_down_on_one_host_is_arp_unanswered_for_that_host_only()
    {
        var outcome = await FanLabScenario.RunAsync(
            "brdown",
            lab => lab.FaultAsync("bridge", "2"),
            async lab =>
            {
                Assert.Contains("0 received", (await lab.PingAsync(1, 2)).Stdout, StringComparison.Ordinal);
                Assert.Contains("3 received", (await lab.PingAsync(1, 3)).Stdout, StringComparison.Ordinal);
            });

        outcome.AssertVerdict("192.168.0.1-192.168.0.2", "arp-unanswered");
        outcome.AssertVerdict("192.168.0.1-192.168.0.3", "healthy");
    }

    [Fact]
    public async Task Doctor_probes_each_peer_bridge_and_finds_the_mtu_blackhole()
    {
        await using var lab = await FanLab.UpAsync("doc");
        await lab.FaultAsync("mtu", "2", "1300");

        var result = await Processes.RunAsync(
            "ip",
            ["netns", "exec", lab.Host(1), Executable.Launcher, "fan", "doctor", "-i", "eth0", "--underlay", "192.168.0.0/16", "--peers", "192.168.0.2,192.168.0.3", "--format", "json"],
            TimeSpan.FromMinutes(15));

        Assert.True(result.ExitCode == 1, $"doctor should fail on an unhealthy pair: {result.ExitCode} {result.Stderr}");
        var root = JsonDocument.Parse(result.Stdout).RootElement;
        var pairs = FanLabScenario.Pairs(root);
        Assert.Equal("mtu-blackhole", pairs["192.168.0.1-192.168.0.2"].GetProperty("verdict").GetString());
        Assert.Equal("healthy", pairs["192.168.0.1-192.168.0.3"].GetProperty("verdict").GetString());
        var probes = root.GetProperty("probes").EnumerateArray().ToList();
        var mtuTo2 = probes.Single(p => p.GetProperty("peer").GetString() == "192.168.0.2" && p.GetProperty("dont_fragment").GetBoolean());
        Assert.Equal("240.0.2.1", mtuTo2.GetProperty("target").GetString());
        Assert.Equal(1422, mtuTo2.GetProperty("payload_bytes").GetInt32());
        Assert.Equal(0, mtuTo2.GetProperty("replied").GetInt32());
        Assert.Equal(3, probes.Single(p => p.GetProperty("peer").GetString() == "192.168.0.3" && p.GetProperty("dont_fragment").GetBoolean()).GetProperty("replied").GetInt32());
    }
}
