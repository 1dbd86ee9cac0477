using System.Text.Json;
using LxdScope.SystemTests.Testbed;

namespace LxdScope.SystemTests.Fan;

/// <summary>
/// One fault in a fresh fan lab, judged twice: live by <c>lxdscope fan capture</c> through libpcap on
/// host 1's underlay while the traffic runs, and offline by <c>lxdscope fan analyze</c> on the pcap
/// that capture wrote.
/// </summary>
internal sealed record FanLabScenario(Dictionary<string, JsonElement> Live, Dictionary<string, JsonElement> Offline, JsonElement LiveRoot, string Pcap)
{
    private static readonly string Scratch = Directory.CreateTempSubdirectory("lxsfan-lab-").FullName;

    /// <summary>Brings a lab up, applies the fault, captures on host 1 while the traffic runs, and analyses the capture file too.</summary>
    public static async Task<FanLabScenario> RunAsync(string name, Func<FanLab, Task> fault, Func<FanLab, Task> traffic, params string[] analyzeOptions)
    {
        await using var lab = await FanLab.UpAsync(name);
        await fault(lab);
        var pcap = Path.Combine(Scratch, $"{name}.pcap");
        ProcessResult live;
        using (var capture = await FanCaptureProcess.StartAsync(lab.Host(1), pcap, analyzeOptions))
        {
            await traffic(lab);
            // Longer than the echo timeout (2 s), so unanswered requests are judged lost, not in flight,
            // live by the wall clock and offline by the frames the tick adds to the file.
            await Task.Delay(TimeSpan.FromSeconds(2.5));
            await lab.TickAsync();
            live = await capture.StopAsync();
        }

        Assert.True(live.ExitCode == 0, $"fan capture: {live.ExitCode} {live.Stderr}");
        var offline = await Processes.RunAsync(Executable.Launcher, ["fan", "analyze", pcap, "--underlay", "192.168.0.0/16", "--format", "json", .. analyzeOptions], TimeSpan.FromMinutes(15));
        Assert.True(offline.ExitCode == 0, $"fan analyze: {offline.ExitCode} {offline.Stderr}");

        var liveRoot = JsonDocument.Parse(live.Stdout).RootElement;
        var offlineRoot = JsonDocument.Parse(offline.Stdout).RootElement;
        Assert.Equal(0, liveRoot.GetProperty("capture").GetProperty("kernel_dropped").GetInt64());
        return new FanLabScenario(Pairs(liveRoot), Pairs(offlineRoot), liveRoot, pcap);
    }

    public static Dictionary<string, JsonElement> Pairs(JsonElement root) =>
        root.GetProperty("pairs").EnumerateArray().ToDictionary(p => $"{p.GetProperty("a").GetString()}-{p.GetProperty("b").GetString()}");

    /// <summary>The pair has <paramref name="verdict"/> as its headline both live and offline.</summary>
    public void AssertVerdict(string pair, string verdict)
    {
        Assert.True(Live.ContainsKey(pair), $"no pair {pair} in the live capture: {string.Join(", ", Live.Keys)}");
        Assert.True(verdict == Verdict(Live, pair), $"live {pair}: {Verdict(Live, pair)}\n{Evidence(pair)}");
        Assert.True(verdict == Verdict(Offline, pair), $"offline {pair}: {Verdict(Offline, pair)}\n{Evidence(pair)}");
    }

    /// <summary>The pair's headline is one of <paramref name="verdicts"/>, the same live and offline.</summary>
    public string AssertVerdictAmong(string pair, params string[] verdicts)
    {
        var live = Verdict(Live, pair) ?? "";
        Assert.True(verdicts.Contains(live), $"live {pair}: {live}, expected one of {string.Join(", ", verdicts)}\n{Evidence(pair)}");
        Assert.Equal(live, Verdict(Offline, pair));
        return live;
    }

    public string Evidence(string pair) =>
        string.Join("\n", Live[pair].GetProperty("evidence").EnumerateArray().Select(e => e.GetString()));

    public IReadOnlyList<string> Findings(string pair) =>
        Live[pair].GetProperty("findings").EnumerateArray().Select(e => e.GetString()!).ToList();

    public long Count(string pair, string direction, string counter) => Live[pair].GetProperty(direction).GetProperty(counter).GetInt64();

    private static string? Verdict(Dictionary<string, JsonElement> pairs, string pair) => pairs[pair].GetProperty("verdict").GetString();
}
