using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using LxdScope.SystemTests.Testbed;
using Xunit.Abstractions;

namespace LxdScope.SystemTests.Commands;

/// <summary>
/// The agent must never harm LXD: shown on the real testbed with the real agent executable —
/// LXD's writes under agents collecting every 100 ms, every system call the agent makes on
/// LXD's files, the agent on a read-only mount of LXD's directory, and what a cycle costs LXD.
/// Sizes scale with LXDSCOPE_TEST_HARM_WRITES (writes with agents, and as many without;
/// default 1000) and LXDSCOPE_TEST_HARM_SECONDS (how long the traced agent runs; default 8).
/// </summary>
[Collection(TestbedCollection.Name)]
public sealed partial class NeverHarmLxdTests(TestbedFixture testbed, ITestOutputHelper output) : IAsyncLifetime, IDisposable
{
    private const string LoadProfile = "lxdscope-load";
    private static readonly string[] Members = ["node1", "node2", "node3"];
    private readonly HttpClient http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private readonly string work = Directory.CreateTempSubdirectory("lxdscope-harm-").FullName;
    private string url = "";
    private string token = "";

    public async Task InitializeAsync()
    {
        await testbed.WaitAllOnline("node1", TimeSpan.FromSeconds(90));
        var built = await testbed.LxdScope("--help");
        Assert.True(built.ExitCode == 0, built.Stderr);
        var up = await testbed.Stack("up", "--port", testbed.StackPort, "--no-agents");
        Assert.True(up.ExitCode == 0, up.Stderr);
        url = (await testbed.Stack("url")).Stdout.Trim();
        token = Path.Combine(testbed.Dir, "stack", "token");
    }

    public async Task DisposeAsync() => await testbed.Stack("down");

    public void Dispose()
    {
        http.Dispose();
        Directory.Delete(work, recursive: true);
    }

    [Fact]
    public async Task Lxd_writes_meet_no_error_and_keep_their_latency_while_agents_collect_every_100ms()
    {
        var writes = Setting("LXDSCOPE_TEST_HARM_WRITES", 1000);
        const int blocks = 4;
        var perBlock = (int)Math.Ceiling(writes / (double)blocks);
        var config = AgentConfig("100ms", "2s");
        var logStarts = Members.ToDictionary(m => m, m => new FileInfo(testbed.MemberDir(m) + ".log") is { Exists: true } f ? f.Length : 0);
        var writers = Members.ToDictionary(m => m, m => new LxdSocketWriter(Path.Combine(testbed.MemberDir(m), "unix.socket")));
        var errors = new List<string>();
        var agentLogs = new List<string>();
        var without = new List<TimeSpan>();
        var with = new List<TimeSpan>();
        var withTime = TimeSpan.Zero;
        try
        {
            await writers["node1"].SendAsync(HttpMethod.Delete, $"/1.0/profiles/{LoadProfile}", null); // a leftover of an interrupted run
            var created = await writers["node1"].SendAsync(HttpMethod.Post, "/1.0/profiles", new { name = LoadProfile, description = "lxdscope write load", config = new Dictionary<string, string>() });
            Assert.Null(created.Error);

            var n = 0;
            for (var block = 0; block < 2 * blocks; block++)
            {
                // Without, with, without, with …: the machine's own noise falls on both.
                var agents = block % 2 == 1 ? Members.Select(m => StartAgent(config, m)).ToList() : [];
                try
                {
                    if (agents.Count > 0)
                    {
                        await Task.Delay(500); // every agent past its first cycle
                    }

                    var clock = Stopwatch.StartNew();
                    for (var i = 0; i < perBlock; i++, n++)
                    {
                        var member = Members[n % Members.Length];
                        var (elapsed, error) = await writers[member].SendAsync(
                            HttpMethod.Patch, $"/1.0/profiles/{LoadProfile}", new { config = new Dictionary<string, string> { [$"user.lxdscope-{n % 10}"] = n.ToString(CultureInfo.InvariantCulture) } });
                        (agents.Count > 0 ? with : without).Add(elapsed);
                        if (error is not null)
                        {
                            errors.Add($"{member}: {error}");
                        }
                    }

                    if (agents.Count > 0)
                    {
                        withTime += clock.Elapsed;
                        Assert.All(agents, a => Assert.False(a.HasExited, a.Tail));
                    }
                }
                finally
                {
                    foreach (var a in agents)
                    {
                        // Stopped as systemd stops it: the cycle under way finishes, so LXD never
                        // sees a request abandoned mid-answer (which it logs as an error).
                        Assert.True(await a.TerminateAsync(TimeSpan.FromSeconds(15)), a.Tail);
                        agentLogs.Add(a.Tail);
                        await a.DisposeAsync();
                    }
                }
            }
        }
        finally
        {
            await writers["node1"].SendAsync(HttpMethod.Delete, $"/1.0/profiles/{LoadProfile}", null);
            foreach (var w in writers.Values)
            {
                w.Dispose();
            }
        }

        var cycles = await AgentSequences();
        var lxdLog = Members.SelectMany(m => LogSince(testbed.MemberDir(m) + ".log", logStarts[m]).Select(l => $"{m}: {l}")).ToList();
        var a1 = LatencySummary.Of(without);
        var b1 = LatencySummary.Of(with);
        output.WriteLine($"LXD writes (PATCH /1.0/profiles/{LoadProfile}, round robin over 3 members, {blocks} blocks each, interleaved)");
        output.WriteLine($"  without agents: {a1}");
        output.WriteLine($"  with 3 agents every 100 ms: {b1}");
        output.WriteLine($"  ratio with/without: p50 {b1.P50 / a1.P50:0.00}, p90 {b1.P90 / a1.P90:0.00}, p99 {b1.P99 / a1.P99:0.00}");
        output.WriteLine($"  agent cycles delivered: {string.Join(", ", cycles.Select(c => $"{c.Key} {c.Value}"))} in {withTime.TotalSeconds:0.0} s with agents ({cycles.Values.Sum() / 3.0 / withTime.TotalSeconds:0.0} cycles/s per agent)");
        output.WriteLine($"  LXD log lines in the window: {lxdLog.Count}");
        foreach (var l in lxdLog.Take(20))
        {
            output.WriteLine("    " + l);
        }

        Assert.True(writes <= with.Count, $"{with.Count} writes with agents");
        Assert.True(errors.Count == 0, string.Join('\n', errors.Take(20)));
        Assert.DoesNotContain(lxdLog, l => LockedOrBusy().IsMatch(l));
        Assert.DoesNotContain(lxdLog, l => (l.Contains("lvl=eror", StringComparison.Ordinal) || l.Contains("level=error", StringComparison.Ordinal)) && !NetlinkFallback().IsMatch(l));
        Assert.All(agentLogs, log => Assert.DoesNotMatch(AgentTrouble(), log));
        // The agents did collect: at least one cycle per agent and second with agents, at 10 asked for.
        Assert.All(Members, m => Assert.True(cycles.GetValueOrDefault($"agent-{m}") >= withTime.TotalSeconds, $"agent-{m}: {cycles.GetValueOrDefault($"agent-{m}")} cycles in {withTime.TotalSeconds:0.0} s"));
        // Generous on a loaded 2-core machine that runs LXD ×3, the collector, three agents and
        // this test: what must never happen is LXD's writes stalling behind the agents.
        // The agents compete with LXD for the same two cores here, so some slowdown is expected
        // (about 2x at the median when measured); the bounds catch locking, which shows as stalls.
        // The tail is bounded at p90, not p99: the ten slowest of a thousand writes are whatever
        // else the machine did in those seconds (a CI run measured p99 10x with p90 7x).
        Assert.True(b1.P50 <= (4 * a1.P50) + 10, $"p50 with agents {b1.P50:0.0} ms vs {a1.P50:0.0} ms without");
        Assert.True(b1.P90 <= (8 * a1.P90) + 100, $"p90 with agents {b1.P90:0.0} ms vs {a1.P90:0.0} ms without");
        Assert.True(b1.Max <= 5000, $"max with agents {b1.Max:0.0} ms");
    }

    [Fact]
    public async Task Agent_never_opens_changes_or_write_locks_a_file_in_the_lxd_directory()
    {
        var seconds = Setting("LXDSCOPE_TEST_HARM_SECONDS", 8);
        var lxdDir = Path.GetFullPath(testbed.MemberDir("node2"));
        var traceDir = Directory.CreateDirectory(Path.Combine(work, "trace")).FullName;
        // Content every second: local.db copied, the global database read through the socket
        // (this agent is the only one reporting to a fresh collector, so it is chosen for it).
        var result = await Processes.RunAsync(
            "strace",
            ["-f", "-ff", "-qq", "-y", "-s", "0", "--seccomp-bpf", "-e", "trace=" + SyscallTrace.Traced, "-o", Path.Combine(traceDir, "agent"),
                "timeout", "--preserve-status", "-s", "TERM", seconds.ToString(CultureInfo.InvariantCulture),
                Executable.Binary, "agent", "--config", AgentConfig("250ms", "1s"), "--lxd-dir", lxdDir, "--spool-dir", Path.Combine(work, "spool-node2"), "--agent-id", "agent-node2"],
            TimeSpan.FromSeconds(seconds + 60));
        // A fresh spool is a new epoch: its sequence numbers start at 1.
        var cycles = (await AgentSequences()).GetValueOrDefault("agent-node2");
        var trace = SyscallTrace.Read(traceDir, "agent", lxdDir);

        output.WriteLine($"strace: {trace.Lines} calls traced, {trace.Touching.Count} on files under the LXD directory, {cycles} cycles delivered in {seconds} s");
        output.WriteLine($"  opens: {trace.OpenCount} (files: {string.Join(", ", trace.FilesOpened)})");
        output.WriteLine($"  bytes read from LXD's files: {trace.BytesRead} ({(cycles > 0 ? trace.BytesRead / cycles : 0)} per cycle); fcntl read locks: {trace.ReadLocks}; flock(LOCK_SH): {trace.SharedFlocks}");
        output.WriteLine($"  violations: {trace.Violations.Count}");
        foreach (var v in trace.Violations.Take(20))
        {
            output.WriteLine("    " + v);
        }

        Assert.True(result.ExitCode == 0, $"exit {result.ExitCode}: {result.Stderr}");
        Assert.DoesNotMatch(AgentTrouble(), result.Stdout + result.Stderr);
        Assert.True(cycles >= seconds * 2, $"{cycles} cycles in {seconds} s");
        // It did read what it reads: local.db, the raft metadata and segments, the cluster certificate.
        Assert.Contains("database/local.db", trace.FilesOpened);
        Assert.Contains(trace.FilesOpened, f => f.StartsWith("database/global/metadata", StringComparison.Ordinal));
        Assert.Contains(trace.FilesOpened, f => Regex.IsMatch(f, @"^database/global/(\d{16}-\d{16}|open-\d+)$"));
        Assert.Contains("cluster.crt", trace.FilesOpened);
        Assert.True(trace.Violations.Count == 0, string.Join('\n', trace.Violations.Take(20)));
    }

    [Fact]
    public async Task Agent_on_a_read_only_mount_of_the_lxd_directory_reports_everything()
    {
        var lxdDir = Path.GetFullPath(testbed.MemberDir("node3"));
        // A private mount namespace: LXD itself, outside it, keeps its directory writable.
        var script = $"""
            set -e
            mount --bind '{lxdDir}' '{lxdDir}'
            mount -o remount,bind,ro '{lxdDir}'
            if touch '{lxdDir}/database/.lxdscope-write-probe' 2>/dev/null; then echo 'the mount is writable' >&2; exit 99; fi
            exec '{Executable.Binary}' agent --once --cluster testbed --agent-id ro-node3 --lxd-dir '{lxdDir}'
            """;
        var result = await Processes.RunAsync("unshare", ["--mount", "--propagation", "private", "sh", "-c", script], TimeSpan.FromMinutes(1));

        Assert.False(File.Exists(Path.Combine(lxdDir, "database", ".lxdscope-write-probe")));
        Assert.True(result.ExitCode == 0, $"exit {result.ExitCode}: {result.Stderr}\n{result.Stdout}");
        using var report = JsonDocument.Parse(result.Stdout);
        var r = report.RootElement;
        output.WriteLine(string.Join(", ", r.GetProperty("collectors").EnumerateArray().Select(c => $"{c.GetProperty("name").GetString()} {c.GetProperty("success").GetBoolean()}")));
        Assert.All(r.GetProperty("collectors").EnumerateArray(), c => Assert.True(c.GetProperty("success").GetBoolean(), c.ToString()));
        Assert.Equal("node3", r.GetProperty("member").GetString());
        Assert.Equal(3, r.GetProperty("local").GetProperty("raft_nodes").GetArrayLength());
        Assert.True(r.GetProperty("raft").GetProperty("last_index").GetInt64() > 0);
        Assert.Equal(3, r.GetProperty("global").GetProperty("members").GetArrayLength());
        Assert.Equal(3, r.GetProperty("reachability").GetProperty("peers").GetArrayLength());
        Assert.True(r.GetProperty("content").GetProperty("local").GetProperty("tables").GetArrayLength() > 0);
        Assert.True(r.GetProperty("self").GetProperty("lxd_api_requests").GetInt64() > 0);
    }

    [Fact]
    public async Task Agent_cycles_stay_within_their_lxd_budget_and_report_what_they_cost()
    {
        var seconds = Setting("LXDSCOPE_TEST_HARM_SECONDS", 8);
        // The budget tightened well below the defaults: a cycle that reads the global database's
        // content for the console (every second here) must still fit in it.
        const int maxRequests = 150;
        const long maxBytes = 4L * 1024 * 1024;
        var config = AgentConfig("250ms", "1s", ("MaxLxdRequestsPerCycle", maxRequests.ToString(CultureInfo.InvariantCulture)), ("MaxLxdResponseBytesPerCycle", maxBytes.ToString(CultureInfo.InvariantCulture)));
        var seen = new SortedDictionary<long, (long Requests, long ResponseBytes, long FileBytes)>();
        await using (var agent = StartAgent(config, "node1"))
        {
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(seconds);
            while (DateTime.UtcNow < deadline)
            {
                var m = await http.GetStringAsync(url + "/metrics");
                var a = "{cluster=\"testbed\",agent=\"agent-node1\"}";
                if (Metric(m, "lxdscope_agent_last_sequence" + a) is { } seq && Metric(m, "lxdscope_agent_cycle_lxd_api_requests" + a) is { } req)
                {
                    seen[(long)seq] = ((long)req, (long)Metric(m, "lxdscope_agent_cycle_lxd_api_response_bytes" + a)!, (long)Metric(m, "lxdscope_agent_cycle_lxd_file_read_bytes" + a)!);
                }

                await Task.Delay(50);
            }

            Assert.False(agent.HasExited, agent.Tail);
            Assert.DoesNotMatch(AgentTrouble(), agent.Tail);
        }

        var cycles = seen.Values.ToList();
        string Range(Func<(long Requests, long ResponseBytes, long FileBytes), long> f) =>
            $"min {cycles.Min(f)}, median {cycles.Select(f).Order().ElementAt(cycles.Count / 2)}, max {cycles.Max(f)}";
        output.WriteLine($"{cycles.Count} cycles seen (every 250 ms, content every 1 s)");
        output.WriteLine($"  LXD API requests per cycle: {Range(c => c.Requests)} (budget {maxRequests})");
        output.WriteLine($"  LXD API response bytes per cycle: {Range(c => c.ResponseBytes)} (budget {maxBytes})");
        output.WriteLine($"  bytes read from LXD's files per cycle: {Range(c => c.FileBytes)}");

        Assert.True(cycles.Count >= seconds, $"{cycles.Count} cycles seen");
        Assert.All(cycles, c => Assert.InRange(c.Requests, 5, maxRequests));
        Assert.All(cycles, c => Assert.InRange(c.ResponseBytes, 1, maxBytes));
        Assert.All(cycles, c => Assert.True(c.FileBytes > 0));
        // Some cycles read the global database's content (a request per table), most do not.
        Assert.True(cycles.Max(c => c.Requests) > 3 * cycles.Min(c => c.Requests), Range(c => c.Requests));

        // A budget too small for a cycle is enforced: the request beyond it is never sent, and the
        // collector that asked says why.
        var once = await Processes.RunAsync(
            Executable.Binary, ["agent", "--once", "--cluster", "testbed", "--lxd-dir", testbed.MemberDir("node1")], TimeSpan.FromMinutes(1),
            new Dictionary<string, string> { ["LXDSCOPE_Agent__MaxLxdRequestsPerCycle"] = "3" });
        using var report = JsonDocument.Parse(once.Stdout);
        var self = report.RootElement.GetProperty("self");
        output.WriteLine($"with a budget of 3 requests: {self.GetProperty("lxd_api_requests").GetInt64()} sent, exit {once.ExitCode}");
        Assert.Equal(1, once.ExitCode);
        Assert.Equal(3, self.GetProperty("lxd_api_requests").GetInt64());
        Assert.Contains(report.RootElement.GetProperty("collectors").EnumerateArray(), c => !c.GetProperty("success").GetBoolean()
            && c.GetProperty("error").GetString()!.Contains("budget of 3 LXD API requests is spent", StringComparison.Ordinal));
    }

    private static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v > 0 ? v : fallback;

    private static double? Metric(string metrics, string series) =>
        metrics.Split('\n').FirstOrDefault(l => l.StartsWith(series + " ", StringComparison.Ordinal)) is { } line
            ? double.Parse(line[(series.Length + 1)..], CultureInfo.InvariantCulture)
            : null;

    private static List<string> LogSince(string path, long offset)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        stream.Seek(Math.Min(offset, stream.Length), SeekOrigin.Begin);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
    }

    private string AgentConfig(string interval, string contentInterval, params (string Key, string Value)[] extra)
    {
        var agent = new Dictionary<string, string>
        {
            ["Cluster"] = "testbed",
            ["Collector"] = url,
            ["TokenFile"] = token,
            ["Interval"] = interval,
            ["ContentInterval"] = contentInterval,
        };
        foreach (var (k, v) in extra)
        {
            agent[k] = v;
        }

        var path = Path.Combine(work, $"agent-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, JsonSerializer.Serialize(new Dictionary<string, object> { ["Agent"] = agent }));
        return path;
    }

    private BackgroundProcess StartAgent(string config, string member) => BackgroundProcess.Start(
        Executable.Binary,
        ["agent", "--config", config, "--lxd-dir", testbed.MemberDir(member), "--spool-dir", Path.Combine(work, "spool-" + member), "--agent-id", "agent-" + member]);

    /// <summary>Each agent's latest sequence number as the collector has it.</summary>
    private async Task<Dictionary<string, long>> AgentSequences()
    {
        await Task.Delay(1000); // the last reports delivered
        var m = await http.GetStringAsync(url + "/metrics");
        return Members.Select(n => "agent-" + n)
            .ToDictionary(a => a, a => (long)(Metric(m, $"lxdscope_agent_last_sequence{{cluster=\"testbed\",agent=\"{a}\"}}") ?? 0));
    }

    // LXD 5.0 logs this at error level when the kernel's netlink dump of a container's
    // interfaces fails (its init exiting or restarting, for one), then answers from its fallback:
    // any reader of /1.0/metrics meets it, the request succeeds, and nothing waited on a lock.
    [GeneratedRegex(@"msg=""Failed to retrieve network information via netlink"" instance=\S+ instanceType=container pid=\d+ project=\S+$")]
    private static partial Regex NetlinkFallback();

    [GeneratedRegex("database is locked|SQLITE_BUSY|database table is locked|busy", RegexOptions.IgnoreCase)]
    private static partial Regex LockedOrBusy();

    // The agent logs every failed collector and every failed delivery at warn or above.
    [GeneratedRegex(@"\b(warn|fail|crit): ")]
    private static partial Regex AgentTrouble();
}
