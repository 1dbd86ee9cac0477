using System.Text.Json;
using LxdScope.Cli.Tests.Testbed;

namespace LxdScope.Cli.Tests.Fan;

/// <summary>
/// Real kernel VXLAN in network namespaces (deploy/testbed/fanlab), captured live through libpcap on
/// host 1's underlay by <c>lxdscope fan capture</c>, then the written pcap analysed offline by
/// <c>lxdscope fan analyze</c>: both must give the same verdict per pair.
/// </summary>
public sealed class FanLabTests
{
    private static readonly string Scratch = Directory.CreateTempSubdirectory("lxsfan-lab-").FullName;

    private sealed record Outcome(Dictionary<string, JsonElement> Live, Dictionary<string, JsonElement> Offline, JsonElement LiveRoot);

    /// <summary>Brings a lab up, applies the fault, captures on host 1 while the pings run, and analyses the capture file too.</summary>
    private static async Task<Outcome> RunScenarioAsync(string name, Func<FanLab, Task> fault, Func<FanLab, Task> traffic)
    {
        await using var lab = await FanLab.UpAsync($"lxsfan-{name}");
        await fault(lab);
        var pcap = Path.Combine(Scratch, $"{name}.pcap");
        ProcessResult live;
        using (var capture = await FanCaptureProcess.StartAsync(lab.Host(1), pcap))
        {
            await traffic(lab);
            // Longer than the echo timeout (2 s), so unanswered requests are judged lost, not in flight.
            await Task.Delay(TimeSpan.FromSeconds(2.5));
            live = await capture.StopAsync();
        }

        Assert.True(live.ExitCode == 0, $"fan capture: {live.ExitCode} {live.Stderr}");
        var offline = await Processes.RunAsync(Processes.Launcher, ["fan", "analyze", pcap, "--underlay", "192.168.0.0/16", "--format", "json"], TimeSpan.FromMinutes(15));
        Assert.True(offline.ExitCode == 0, $"fan analyze: {offline.ExitCode} {offline.Stderr}");

        var liveRoot = JsonDocument.Parse(live.Stdout).RootElement;
        var offlineRoot = JsonDocument.Parse(offline.Stdout).RootElement;
        Assert.Equal(0, liveRoot.GetProperty("capture").GetProperty("kernel_dropped").GetInt64());
        return new Outcome(Pairs(liveRoot), Pairs(offlineRoot), liveRoot);
    }

    private static Dictionary<string, JsonElement> Pairs(JsonElement root) =>
        root.GetProperty("pairs").EnumerateArray().ToDictionary(p => $"{p.GetProperty("a").GetString()}-{p.GetProperty("b").GetString()}");

    private static void AssertVerdict(Outcome outcome, string pair, string verdict)
    {
        Assert.True(outcome.Live.ContainsKey(pair), $"no pair {pair} in the live capture: {string.Join(", ", outcome.Live.Keys)}");
        Assert.Equal(verdict, outcome.Live[pair].GetProperty("verdict").GetString());
        Assert.Equal(verdict, outcome.Offline[pair].GetProperty("verdict").GetString());
    }

    private static string Evidence(Outcome outcome, string pair) =>
        string.Join("\n", outcome.Live[pair].GetProperty("evidence").EnumerateArray().Select(e => e.GetString()));

    [Fact]
    public async Task Healthy_mesh_is_healthy_with_RTT_live_and_offline()
    {
        var outcome = await RunScenarioAsync("ok", _ => Task.CompletedTask, async lab =>
        {
            Assert.Contains("3 received", (await lab.PingAsync(1, 2)).Stdout, StringComparison.Ordinal);
            Assert.Contains("3 received", (await lab.PingAsync(1, 3)).Stdout, StringComparison.Ordinal);
        });

        AssertVerdict(outcome, "192.168.0.1-192.168.0.2", "healthy");
        AssertVerdict(outcome, "192.168.0.1-192.168.0.3", "healthy");
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
        var outcome = await RunScenarioAsync(
            "fdb",
            lab => lab.FaultAsync("fdb", "2", "1"),
            async lab =>
            {
                Assert.Contains("0 received", (await lab.PingAsync(1, 2)).Stdout, StringComparison.Ordinal);
                Assert.Contains("3 received", (await lab.PingAsync(1, 3)).Stdout, StringComparison.Ordinal);
            });

        AssertVerdict(outcome, "192.168.0.1-192.168.0.2", "arp-unanswered");
        AssertVerdict(outcome, "192.168.0.1-192.168.0.3", "healthy");
        Assert.Contains("192.168.0.1 > 192.168.0.2:", Evidence(outcome, "192.168.0.1-192.168.0.2"), StringComparison.Ordinal);
        Assert.Contains("who-has 240.0.2.10 tell 240.0.1.10", Evidence(outcome, "192.168.0.1-192.168.0.2"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Underlay_path_smaller_than_the_fan_MTU_is_mtu_blackhole()
    {
        var outcome = await RunScenarioAsync(
            "mtu",
            lab => lab.FaultAsync("mtu", "2", "1300"),
            async lab =>
            {
                Assert.Contains("3 received", (await lab.PingAsync(1, 2)).Stdout, StringComparison.Ordinal);
                Assert.Contains("0 received", (await lab.PingAsync(1, 2, "-s", "1300", "-M", "do")).Stdout, StringComparison.Ordinal);
            });

        AssertVerdict(outcome, "192.168.0.1-192.168.0.2", "mtu-blackhole");
        Assert.Contains("3 echo requests up to 84 bytes answered, 3 of 1328 bytes or more lost", Evidence(outcome, "192.168.0.1-192.168.0.2"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fan_bridge_down_on_one_host_is_arp_unanswered_for_that_host_only()
    {
        var outcome = await RunScenarioAsync(
            "brdown",
            lab => lab.FaultAsync("bridge", "2"),
            async lab =>
            {
                Assert.Contains("0 received", (await lab.PingAsync(1, 2)).Stdout, StringComparison.Ordinal);
                Assert.Contains("3 received", (await lab.PingAsync(1, 3)).Stdout, StringComparison.Ordinal);
            });

        AssertVerdict(outcome, "192.168.0.1-192.168.0.2", "arp-unanswered");
        AssertVerdict(outcome, "192.168.0.1-192.168.0.3", "healthy");
    }

    [Fact]
    public async Task Doctor_probes_each_peer_bridge_and_finds_the_mtu_blackhole()
    {
        await using var lab = await FanLab.UpAsync("lxsfan-doc");
        await lab.FaultAsync("mtu", "2", "1300");

        var result = await Processes.RunAsync(
            "ip",
            ["netns", "exec", lab.Host(1), Processes.Launcher, "fan", "doctor", "-i", "eth0", "--underlay", "192.168.0.0/16", "--peers", "192.168.0.2,192.168.0.3", "--format", "json"],
            TimeSpan.FromMinutes(15));

        Assert.True(result.ExitCode == 1, $"doctor should fail on an unhealthy pair: {result.ExitCode} {result.Stderr}");
        var root = JsonDocument.Parse(result.Stdout).RootElement;
        var pairs = Pairs(root);
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
