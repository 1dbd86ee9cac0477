using System.Text.Json;

namespace LxdScope.Cli.Tests.Testbed;

/// <summary>
/// One real 3-member LXD cluster for the whole test run, on 127.0.0.1-3 with a port of its own so
/// it never meets an operator's testbed, brought up by deploy/testbed/testbed and taken down by
/// it (which kills only the processes it started).
/// </summary>
public sealed class TestbedFixture : IAsyncLifetime
{
    public const int OfflineThresholdSeconds = 11;

    /// <summary>LXD's cluster port; overridable so that two checkouts can test side by side.</summary>
    public static readonly string Port = Environment.GetEnvironmentVariable("LXDSCOPE_TEST_TESTBED_PORT") ?? "18443";

    /// <summary>The port of the collector that deploy/testbed/stack starts for the tests.</summary>
    public static readonly string StackPort = Environment.GetEnvironmentVariable("LXDSCOPE_TEST_STACK_PORT") ?? "19471";

    private readonly Dictionary<string, string> env = new()
    {
        ["LXDSCOPE_TESTBED_DIR"] = Environment.GetEnvironmentVariable("LXDSCOPE_TEST_TESTBED_DIR") ?? "/var/tmp/lxdscope-test-testbed",
        ["LXDSCOPE_TESTBED_PORT"] = Port,
    };

    public string Dir => env["LXDSCOPE_TESTBED_DIR"];

    public string MemberDir(string name) => Path.Combine(Dir, name);

    public async Task InitializeAsync()
    {
        await Testbed(TimeSpan.FromMinutes(5), "up", "--members", "3", "--containers", "4");
        // LXD's minimum, so that an offline member shows within seconds.
        await Lxc("node1", "config", "set", "cluster.offline_threshold", OfflineThresholdSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    public async Task DisposeAsync()
    {
        await Stack("down");
        await Testbed(TimeSpan.FromMinutes(2), "down");
    }

    public Task<ProcessResult> Stack(params string[] args) =>
        Processes.RunAsync(Path.Combine(Processes.RepoRoot, "deploy", "testbed", "stack"), args, TimeSpan.FromMinutes(4), env);

    public Task Kill(string member) => Testbed(TimeSpan.FromSeconds(30), "kill", member);

    public Task Start(string member) => Testbed(TimeSpan.FromSeconds(90), "start", member);

    public async Task<string> Lxc(string member, params string[] args)
    {
        var result = await Processes.RunAsync("lxc", args, TimeSpan.FromSeconds(60), new Dictionary<string, string> { ["LXD_DIR"] = MemberDir(member) });
        Assert.True(result.ExitCode == 0, $"lxc {string.Join(' ', args)} failed: {result.Stderr}");
        return result.Stdout;
    }

    public async Task<ProcessResult> LxdSql(string member, string database, string query) =>
        await Processes.RunAsync("lxd", ["sql", database, query], TimeSpan.FromSeconds(60), new Dictionary<string, string> { ["LXD_DIR"] = MemberDir(member) });

    public Task<ProcessResult> LxdScope(params string[] args) =>
        Processes.RunAsync(Processes.Launcher, args, TimeSpan.FromMinutes(3));

    public async Task<JsonElement> Inspect(string member)
    {
        var result = await LxdScope("inspect", "--lxd-dir", MemberDir(member), "--format", "json");
        Assert.True(result.ExitCode == 0, result.Stderr);
        return JsonDocument.Parse(result.Stdout).RootElement.Clone();
    }

    /// <summary>Until lxc cluster list on <paramref name="via"/> shows every member ONLINE.</summary>
    public async Task WaitAllOnline(string via, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        string last = "";
        while (DateTime.UtcNow < deadline)
        {
            var result = await Processes.RunAsync("lxc", ["cluster", "list", "--format", "json"], TimeSpan.FromSeconds(30), new Dictionary<string, string> { ["LXD_DIR"] = MemberDir(via) });
            last = result.Stdout + result.Stderr;
            if (result.ExitCode == 0)
            {
                var members = JsonDocument.Parse(result.Stdout).RootElement.EnumerateArray().ToList();
                if (members.Count == 3 && members.All(m => m.GetProperty("status").GetString() == "Online"))
                {
                    return;
                }
            }

            await Task.Delay(1000);
        }

        Assert.Fail($"members not all ONLINE within {limit}: {last}");
    }

    private async Task Testbed(TimeSpan timeout, params string[] args)
    {
        var result = await Processes.RunAsync(Processes.TestbedScript, args, timeout, env);
        Assert.True(result.ExitCode == 0, $"testbed {string.Join(' ', args)} failed ({result.ExitCode}): {result.Stderr}");
    }
}
