using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text.Json;
using LxdScope.SystemTests.Testbed;
using Xunit.Abstractions;

namespace LxdScope.SystemTests.Fan;

/// <summary>
/// The agent's live fan path end to end on kernel-made traffic: an agent in fan lab host 1's namespace
/// (capturing its underlay, probing hosts 2 and 3's fan bridges) reports to a collector beside it; the
/// test reads the collector through a unix socket, and Debian's Prometheus scrapes it through
/// <see cref="UnixSocketBridge"/> on the shipped rules (<c>for:</c> cut to seconds). A fault switched
/// on shows in the fan API, the lxdscope_fan_* series and an LxdFan* alert within two agent intervals,
/// and clears as quickly once the fault is gone (bar the alerts that look back 10 minutes by design).
/// </summary>
public sealed class FanAgentLabTests(ITestOutputHelper output)
{
    private const int IntervalSeconds = 8;
    private const int ForSeconds = 2;
    private const string Cluster = "fanlab";
    // The report that closes the second interval after the fault carries it; its own collection and
    // delivery to the collector take a moment past the interval's end.
    private static readonly TimeSpan TwoIntervals = TimeSpan.FromSeconds(2 * IntervalSeconds) + TimeSpan.FromSeconds(1.5);

    // Prometheus scrapes and evaluates every second: one more second to see what the collector serves,
    // and the shortened for: plus an evaluation for an alert to fire or resolve.
    private static readonly TimeSpan Scrape = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Alerting = TimeSpan.FromSeconds(ForSeconds + 3);

    [Fact]
    public async Task A_lab_fault_reaches_the_fan_api_metrics_and_alerts_within_two_intervals_and_clears()
    {
        await Executable.EnsureBuiltAsync();
        var dir = Directory.CreateTempSubdirectory("lxsfan-agent-").FullName;
        try
        {
            await using var lab = await FanLab.UpAsync("agent");
            var lxd = LabLxdDirectory.Write(Path.Combine(dir, "lxd"), 1);
            var (config, tokenFile, viewerTokenFile) = await CollectorFiles.WriteAsync(Path.Combine(dir, "state"), Cluster, viewers: true);
            var socket = Path.Combine(dir, "collector.sock");
            var agentConfig = Path.Combine(dir, "agent.json");
            await File.WriteAllTextAsync(agentConfig, """{ "Agent": { "Fan": { "Interface": "eth0", "Underlay": "192.168.0.0/16" } } }""");

            // The collector listens on host 1's own loopback for the agent, and on a socket file for the test.
            await using var collector = BackgroundProcess.Start("ip", ["netns", "exec", lab.Host(1), Executable.Binary, "collector", "--config", config, "--urls", $"http://127.0.0.1:9470;http://unix:{socket}"]);
            await using var agent = BackgroundProcess.Start("ip", [
                "netns", "exec", lab.Host(1), Executable.Binary, "agent", "--config", agentConfig, "--cluster", Cluster, "--collector", "http://127.0.0.1:9470",
                "--token-file", tokenFile, "--lxd-dir", lxd, "--spool-dir", Path.Combine(dir, "spool"), "--agent-id", "fanlab-node1",
                "--interval", $"{IntervalSeconds}s"]);
            using var api = new HttpClient(new SocketsHttpHandler
            {
                ConnectCallback = async (_, ct) =>
                {
                    var s = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                    await s.ConnectAsync(new UnixDomainSocketEndPoint(socket), ct);
                    return new NetworkStream(s, ownsSocket: true);
                },
            }) { BaseAddress = new Uri("http://collector"), Timeout = TimeSpan.FromSeconds(10) };
            api.DefaultRequestHeaders.Authorization = new("Bearer", await File.ReadAllTextAsync(viewerTokenFile!));
            await using var bridge = new UnixSocketBridge(socket);
            var rules = Path.Combine(dir, "lxdscope.rules.yml");
            ShortenedRules.Write(rules, ForSeconds);
            // No Alertmanager: the alerts are read from Prometheus itself; the address is a free loopback port.
            await using var prometheus = await PrometheusServer.StartAsync(Path.Combine(dir, "prometheus"), [$"127.0.0.1:{bridge.Port}"], rules, $"127.0.0.1:{LoopbackPort.Free()}", viewerTokenFile!);
            var context = () => $"collector: {collector.Tail}\nagent: {agent.Tail}";

            // Healthy: both peers' bridges answer the probes, small and at the fan MTU.
            await Eventually("both peers healthy in the fan API", TimeSpan.FromSeconds(90), async () =>
                await Cell(api, "node2") is { } p2 && Verdict(p2) == "healthy" && Replied(p2, "mtu_probe") == 3
                && await Cell(api, "node3") is { } p3 && Verdict(p3) == "healthy", context);
            await Eventually("lxdscope_fan_healthy 1 for both peers in Prometheus", TimeSpan.FromSeconds(30), async () =>
                (await prometheus.Query($"lxdscope_fan_healthy{{cluster=\"{Cluster}\",member=\"node1\"}} == 1")).GetArrayLength() == 2, prometheus.Tail);
            Assert.Empty(await FanAlerts(prometheus));

            // Host 2's switch port carries 1300 bytes: small pings pass, full-size ones vanish.
            await lab.FaultAsync("mtu", "2", "1300");
            var clock = Stopwatch.StartNew();
            await Eventually("mtu-blackhole for node1 → node2 in the fan API", TwoIntervals, async () =>
                await Cell(api, "node2") is { } p && Verdict(p) == "mtu-blackhole", context);
            var shown = clock.Elapsed;
            var cell = (await Cell(api, "node2"))!.Value;
            Assert.Equal("mtu-blackhole", cell.GetProperty("findings")[0].GetProperty("verdict").GetString());
            Assert.Contains("bytes or more lost (fan MTU 1450)", cell.GetProperty("evidence")[0].GetString(), StringComparison.Ordinal);
            Assert.Equal(0, Replied(cell, "mtu_probe"));
            Assert.Equal(3, Replied(cell, "probe"));
            Assert.Equal("healthy", Verdict((await Cell(api, "node3"))!.Value));
            Assert.Contains(
                $"lxdscope_fan_verdict{{cluster=\"{Cluster}\",member=\"node1\",peer=\"node2\",verdict=\"mtu-blackhole\"}} 1",
                await api.GetStringAsync("/metrics"), StringComparison.Ordinal);
            await Eventually("the verdict in Prometheus", TwoIntervals + Scrape - clock.Elapsed + shown, async () =>
                (await prometheus.Query($"lxdscope_fan_verdict{{cluster=\"{Cluster}\",peer=\"node2\",verdict=\"mtu-blackhole\"}} == 1")).GetArrayLength() == 1, prometheus.Tail);
            await Eventually("LxdFanMtuBlackhole firing for node1 → node2", TwoIntervals + Alerting - clock.Elapsed + shown, async () =>
                (await FanAlerts(prometheus)).Any(a => a.StartsWith("LxdFanMtuBlackhole node1 node2 firing", StringComparison.Ordinal)), prometheus.Tail);
            var firing = clock.Elapsed;
            var alerts = await FanAlerts(prometheus);
            Assert.DoesNotContain(alerts, a => a.Contains("node3", StringComparison.Ordinal));
            Assert.DoesNotContain(alerts, a => a.StartsWith("LxdFanArpUnanswered", StringComparison.Ordinal) || a.StartsWith("LxdFanWrongVtep", StringComparison.Ordinal));

            // The fault gone: the next windows are healthy again, and the alert resolves.
            await lab.FaultAsync("clear", "2");
            clock.Restart();
            await Eventually("node1 → node2 healthy again in the fan API", TwoIntervals, async () =>
                await Cell(api, "node2") is { } p && Verdict(p) == "healthy" && Replied(p, "mtu_probe") == 3, context);
            var cleared = clock.Elapsed;
            Assert.Empty((await Cell(api, "node2"))!.Value.GetProperty("findings").EnumerateArray());
            await Eventually("lxdscope_fan_healthy 1 again in Prometheus", TwoIntervals + Scrape, async () =>
                (await prometheus.Query($"lxdscope_fan_healthy{{cluster=\"{Cluster}\",peer=\"node2\"}} == 1")).GetArrayLength() == 1, prometheus.Tail);
            // The probe-based alert resolves with the next probe round. LxdFanPingLoss (the lost MTU probes are
            // lost pings too) looks back 10 minutes by design and may stay; nothing else may.
            var held = new List<string>();
            await Eventually("LxdFanMtuBlackhole resolved", TwoIntervals + Alerting, async () =>
                !(held = await FanAlerts(prometheus)).Any(a => a.StartsWith("LxdFanMtuBlackhole", StringComparison.Ordinal)), () => string.Join("\n", held));
            var resolved = clock.Elapsed;
            Assert.All(held, a => Assert.StartsWith("LxdFanPingLoss node1 node2 ", a, StringComparison.Ordinal));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"agent interval {IntervalSeconds} s: fault shown in the API after {shown.TotalSeconds:F1} s, alert firing after {firing.TotalSeconds:F1} s; cleared in the API after {cleared.TotalSeconds:F1} s, alert resolved after {resolved.TotalSeconds:F1} s"));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>What node1's agent reported about <paramref name="peer"/>, or null before it did.</summary>
    private static async Task<JsonElement?> Cell(HttpClient api, string peer)
    {
        using var response = await api.GetAsync($"/api/v1/clusters/{Cluster}/fan");
        if (!response.IsSuccessStatusCode)
        {
            return null;
        }

        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return doc.RootElement.GetProperty("cells").EnumerateArray()
            .Where(c => c.GetProperty("from").GetString() == "node1" && c.GetProperty("to").GetString() == peer)
            .Select(c => (JsonElement?)c.GetProperty("peer").Clone())
            .FirstOrDefault();
    }

    private static string? Verdict(JsonElement peer) => peer.GetProperty("verdict").GetString();

    private static int Replied(JsonElement peer, string probe) =>
        peer.GetProperty(probe) is { ValueKind: JsonValueKind.Object } p ? p.GetProperty("replied").GetInt32() : -1;

    /// <summary>The LxdFan* alerts Prometheus holds, as "name member peer state value".</summary>
    private static async Task<List<string>> FanAlerts(PrometheusServer prometheus) =>
        (await prometheus.Alerts()).EnumerateArray()
            .Select(a => (Labels: a.GetProperty("labels"), State: a.GetProperty("state").GetString(), Value: a.GetProperty("value").GetString()))
            .Where(a => a.Labels.GetProperty("alertname").GetString()!.StartsWith("LxdFan", StringComparison.Ordinal))
            .Select(a => $"{a.Labels.GetProperty("alertname").GetString()} {a.Labels.GetProperty("member").GetString()} {a.Labels.GetProperty("peer").GetString()} {a.State} {a.Value}")
            .ToList();

    private static async Task Eventually(string what, TimeSpan limit, Func<Task<bool>> condition, Func<string> context)
    {
        var clock = Stopwatch.StartNew();
        Exception? last = null;
        do
        {
            try
            {
                if (await condition())
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or InvalidOperationException)
            {
                last = e;
            }

            await Task.Delay(250);
        }
        while (clock.Elapsed < limit);

        Assert.Fail($"{what}: not within {limit.TotalSeconds:F1} s {last?.Message}\n{context()}");
    }

    private static Task Eventually(string what, TimeSpan limit, Func<Task<bool>> condition, string context) =>
        Eventually(what, limit, condition, () => context);
}
