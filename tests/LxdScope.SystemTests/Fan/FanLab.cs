using LxdScope.SystemTests.Testbed;

namespace LxdScope.SystemTests.Fan;

/// <summary>
/// One fan lab (deploy/testbed/fanlab) in namespaces named after the test: three hosts 192.168.0.1-3,
/// containers 240.0.X.10. Disposing removes every namespace it made, whatever the test did.
/// LXDSCOPE_TEST_FANLAB_PREFIX (default lxsfan) starts every namespace name, so two runs of the suite
/// on one machine do not take each other's labs down.
/// </summary>
internal sealed class FanLab : IAsyncDisposable
{
    private readonly Dictionary<string, string> _env;

    private FanLab(string prefix)
    {
        Prefix = prefix;
        _env = new Dictionary<string, string> { ["FANLAB_PREFIX"] = prefix };
    }

    public string Prefix { get; }

    public static string Script => Path.Combine(Repository.Root, "deploy", "testbed", "fanlab");

    public string Host(int x) => $"{Prefix}-h{x}";

    public static string PrefixBase => Environment.GetEnvironmentVariable("LXDSCOPE_TEST_FANLAB_PREFIX") is { Length: > 0 } p ? p : "lxsfan";

    /// <summary>A lab named <c>PREFIX-<paramref name="name"/></c>, brought up afresh (any leftover of that name is taken down first).</summary>
    public static async Task<FanLab> UpAsync(string name)
    {
        var lab = new FanLab($"{PrefixBase}-{name}");
        await lab.RunAsync("down");
        var result = await Processes.RunAsync(Script, ["up", "1", "2", "3"], TimeSpan.FromSeconds(60), lab._env);
        if (result.ExitCode != 0)
        {
            await lab.DisposeAsync();
            throw new InvalidOperationException($"fanlab up failed: {result.Stderr}");
        }

        return lab;
    }

    public async Task FaultAsync(params string[] args)
    {
        var result = await RunAsync(["fault", .. args]);
        Assert.True(result.ExitCode == 0, $"fanlab fault {string.Join(' ', args)}: {result.Stderr}");
    }

    /// <summary>Runs <paramref name="args"/> inside the lab's namespace <paramref name="ns"/> (h1, c2…).</summary>
    public Task<ProcessResult> InAsync(string ns, params string[] args) =>
        Processes.RunAsync("ip", ["netns", "exec", $"{Prefix}-{ns}", .. args], TimeSpan.FromMinutes(2));

    /// <summary>Pings container Y from container X with ping's own arguments (count, interval…).</summary>
    public Task<ProcessResult> PingRawAsync(int from, int to, params string[] args) =>
        RunAsync(["ping", from.ToString(System.Globalization.CultureInfo.InvariantCulture), to.ToString(System.Globalization.CultureInfo.InvariantCulture), .. args]);

    /// <summary>Pings container Y from container X; returns ping's output (the test decides what it should say).</summary>
    public Task<ProcessResult> PingAsync(int from, int to, params string[] args) =>
        RunAsync(["ping", from.ToString(System.Globalization.CultureInfo.InvariantCulture), to.ToString(System.Globalization.CultureInfo.InvariantCulture), "-c", "3", "-i", "0.2", "-W", "1", .. args]);

    /// <summary>
    /// One IPv6 all-nodes ping from containers 2 and 3 (whichever the fault lets through): VXLAN
    /// frames that no verdict counts, so that a capture file's clock runs past the echo timeout
    /// after the traffic, as the wall clock does for a live capture. Without them the file may end
    /// with the last unanswered request, still in flight when it is read.
    /// </summary>
    public async Task TickAsync()
    {
        foreach (var x in new[] { 2, 3 })
        {
            await Processes.RunAsync("ip", ["netns", "exec", $"{Prefix}-c{x}", "ping", "-6", "-c", "1", "-W", "1", "ff02::1%eth0"], TimeSpan.FromSeconds(10));
        }
    }

    private Task<ProcessResult> RunAsync(params string[] args) => Processes.RunAsync(Script, args, TimeSpan.FromSeconds(60), _env);

    public async ValueTask DisposeAsync() => await RunAsync("down");
}
