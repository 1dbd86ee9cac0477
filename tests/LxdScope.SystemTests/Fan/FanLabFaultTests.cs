using System.Globalization;
using System.Text.RegularExpressions;
using LxdScope.SystemTests.Testbed;

namespace LxdScope.SystemTests.Fan;

/// <summary>
/// Faults the kernel makes (nftables inside the lab's host namespaces: random loss, loss switched on and
/// off, ARP loss, duplication, ICMP filtering, alone and beside the MTU fault), each judged live and
/// offline, with ping's own counts as the ground truth where they apply.
/// </summary>
public sealed partial class FanLabFaultTests
{
    private const string Pair12 = "192.168.0.1-192.168.0.2";
    private const string Pair13 = "192.168.0.1-192.168.0.3";

    [GeneratedRegex(@"(\d+) packets transmitted, (\d+) received")]
    private static partial Regex PingSummary();

    /// <summary>Echoes ping sent and got no reply for, from its summary line.</summary>
    private static (int Sent, int Lost) Lost(ProcessResult ping)
    {
        var m = PingSummary().Match(ping.Stdout);
        Assert.True(m.Success, $"no ping summary in: {ping.Stdout} {ping.Stderr}");
        var sent = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
        return (sent, sent - int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture));
    }

    private static Task<ProcessResult> Flood(FanLab lab, int from, int to, int count, string interval = "0.005") =>
        lab.PingRawAsync(from, to, "-q", "-c", count.ToString(CultureInfo.InvariantCulture), "-i", interval, "-W", "1");

    [Fact]
    public async Task A_healthy_lab_with_hundreds_of_pings_both_ways_has_no_findings()
    {
        var outcome = await FanLabScenario.RunAsync("okmany", _ => Task.CompletedTask, async lab =>
        {
            foreach (var (a, b) in new[] { (1, 2), (2, 1), (1, 3), (3, 1) })
            {
                Assert.Equal((300, 0), Lost(await Flood(lab, a, b, 300)));
            }
        });

        foreach (var pair in new[] { Pair12, Pair13 })
        {
            outcome.AssertVerdict(pair, "healthy");
            Assert.Empty(outcome.Findings(pair));
            Assert.Equal(0, outcome.Count(pair, "b_to_a", "echo_missing"));
        }
    }

    [Fact]
    public async Task Host_2_dropping_30_percent_of_what_it_sends_is_asymmetric_loss_on_its_leg()
    {
        (int Sent, int Lost) out12 = default, in21 = default;
        var outcome = await FanLabScenario.RunAsync("loss30", lab => lab.FaultAsync("loss", "2", "30", "out"), async lab =>
        {
            out12 = Lost(await Flood(lab, 1, 2, 400));
            in21 = Lost(await Flood(lab, 2, 1, 400));
            await Flood(lab, 1, 3, 30);
        });

        outcome.AssertVerdict(Pair12, "asymmetric-loss");
        outcome.AssertVerdict(Pair13, "healthy");
        Assert.Contains("loss one way: 192.168.0.2 > 192.168.0.1 loses about", outcome.Evidence(Pair12), StringComparison.Ordinal);
        // Every request host 1 sent crossed its capture; host 2's lost ones show as gaps (bar any lost at the very end).
        Assert.Equal(out12.Lost, outcome.Count(Pair12, "a_to_b", "echo_lost"));
        Assert.InRange(outcome.Count(Pair12, "b_to_a", "echo_missing"), in21.Lost - 3, in21.Lost);
    }

    [Fact]
    public async Task Five_percent_loss_both_ways_over_hundreds_of_echoes_is_never_healthy()
    {
        var outcome = await FanLabScenario.RunAsync("loss5", lab => lab.FaultAsync("loss", "2", "5", "both"), async lab =>
        {
            await Flood(lab, 1, 2, 400);
            await Flood(lab, 2, 1, 400);
            await Flood(lab, 1, 3, 30);
        });

        outcome.AssertVerdictAmong(Pair12, "partial-loss", "asymmetric-loss");
        outcome.AssertVerdict(Pair13, "healthy");
    }

    [Fact]
    public async Task One_percent_loss_over_two_thousand_echoes_is_judged_on_pings_own_count()
    {
        (int Sent, int Lost) ping = default;
        var outcome = await FanLabScenario.RunAsync("loss1", lab => lab.FaultAsync("loss", "2", "1", "out"), async lab =>
        {
            ping = Lost(await Flood(lab, 1, 2, 2000, "0.002"));
            await Flood(lab, 1, 3, 30);
        });

        Assert.Equal(ping.Lost, outcome.Count(Pair12, "a_to_b", "echo_lost"));
        // The documented default: at least 2 lost and at least 0.5 % of those resolved.
        var expected = ping.Lost >= Math.Max(2, 0.005 * ping.Sent) ? "partial-loss" : "healthy";
        outcome.AssertVerdict(Pair12, expected);
    }

    [Fact]
    public async Task Everything_host_2_sends_dropped_is_arp_unanswered_with_nothing_coming_back()
    {
        var outcome = await FanLabScenario.RunAsync("loss100", lab => lab.FaultAsync("loss", "2", "100", "out"), async lab =>
        {
            Assert.Equal((3, 3), Lost(await lab.PingAsync(1, 2)));
            await lab.PingAsync(1, 3);
        });

        outcome.AssertVerdict(Pair12, "arp-unanswered");
        Assert.Contains("none answered; 0 VXLAN packets came back", outcome.Evidence(Pair12), StringComparison.Ordinal);
        outcome.AssertVerdict(Pair13, "healthy");
    }

    [Fact]
    public async Task Loss_switched_on_and_off_during_the_capture_is_partial_loss()
    {
        var outcome = await FanLabScenario.RunAsync("flap", _ => Task.CompletedTask, async lab =>
        {
            await lab.PingAsync(1, 3);
            await lab.PingAsync(1, 2);
            var pings = Flood(lab, 1, 2, 400, "0.01");
            for (var i = 0; i < 2; i++)
            {
                await Task.Delay(700);
                await lab.FaultAsync("loss", "2", "100", "both");
                await Task.Delay(500);
                await lab.FaultAsync("clear", "2");
            }

            var (_, lost) = Lost(await pings);
            Assert.InRange(lost, 20, 200);
        });

        outcome.AssertVerdict(Pair12, "partial-loss");
        outcome.AssertVerdict(Pair13, "healthy");
    }

    [Fact]
    public async Task ARP_dropped_at_random_is_intermittent_arp()
    {
        var outcome = await FanLabScenario.RunAsync("arploss", lab => lab.FaultAsync("arp-loss", "2", "50"), async lab =>
        {
            for (var i = 0; i < 16; i++)
            {
                await lab.InAsync("c1", "ip", "neigh", "flush", "dev", "eth0");
                await lab.PingRawAsync(1, 2, "-c", "1", "-W", "4");
            }

            await lab.PingAsync(1, 3);
        });

        outcome.AssertVerdict(Pair12, "intermittent-arp");
        outcome.AssertVerdict(Pair13, "healthy");
    }

    [Fact]
    public async Task VXLAN_sent_twice_is_duplicate_replies()
    {
        var outcome = await FanLabScenario.RunAsync("dup", lab => lab.FaultAsync("dup", "2"), async lab =>
        {
            Assert.Contains("duplicates", (await Flood(lab, 1, 2, 20, "0.05")).Stdout, StringComparison.Ordinal);
            await lab.PingAsync(1, 3);
        });

        outcome.AssertVerdict(Pair12, "duplicate-replies");
        outcome.AssertVerdict(Pair13, "healthy");
    }

    [Fact]
    public async Task ICMP_filtered_on_host_2_is_arp_ok_icmp_lost()
    {
        var outcome = await FanLabScenario.RunAsync("icmp", lab => lab.FaultAsync("icmp", "2"), async lab =>
        {
            Assert.Equal((3, 3), Lost(await lab.PingAsync(1, 2)));
            await lab.PingAsync(1, 3);
        });

        outcome.AssertVerdict(Pair12, "arp-ok-icmp-lost");
        outcome.AssertVerdict(Pair13, "healthy");
    }

    [Fact]
    public async Task An_MTU_fault_and_a_lossy_host_at_once_are_told_apart()
    {
        var outcome = await FanLabScenario.RunAsync(
            "combo",
            async lab =>
            {
                await lab.FaultAsync("mtu", "2", "1300");
                await lab.FaultAsync("loss", "3", "30", "out");
            },
            async lab =>
            {
                await lab.PingAsync(1, 2);
                await lab.PingAsync(1, 2, "-s", "1300", "-M", "do");
                await Flood(lab, 1, 3, 300);
                await Flood(lab, 3, 1, 300);
            });

        outcome.AssertVerdict(Pair12, "mtu-blackhole");
        outcome.AssertVerdict(Pair13, "asymmetric-loss");
        Assert.Contains("loss one way: 192.168.0.3 > 192.168.0.1", outcome.Evidence(Pair13), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Doctor_finds_ICMP_filtering_on_one_peer_and_duplication_on_the_other()
    {
        await using var lab = await FanLab.UpAsync("docfaults");
        await lab.FaultAsync("icmp", "2");
        await lab.FaultAsync("dup", "3");

        var result = await Processes.RunAsync(
            "ip",
            ["netns", "exec", lab.Host(1), Executable.Launcher, "fan", "doctor", "-i", "eth0", "--underlay", "192.168.0.0/16", "--peers", "192.168.0.2,192.168.0.3", "--format", "json"],
            TimeSpan.FromMinutes(15));

        Assert.True(result.ExitCode == 1, $"doctor should fail on an unhealthy pair: {result.ExitCode} {result.Stderr}");
        var pairs = FanLabScenario.Pairs(System.Text.Json.JsonDocument.Parse(result.Stdout).RootElement);
        Assert.Equal("arp-ok-icmp-lost", pairs[Pair12].GetProperty("verdict").GetString());
        Assert.Equal("duplicate-replies", pairs[Pair13].GetProperty("verdict").GetString());
    }
}
