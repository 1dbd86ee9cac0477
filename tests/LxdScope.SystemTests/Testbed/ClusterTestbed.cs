using System.Globalization;
using System.Text.Json;

namespace LxdScope.SystemTests.Testbed;

/// <summary>
/// One real 3-member cluster of one product (LXD or Incus) for the whole test run, brought up by
/// deploy/testbed/testbed and taken down by it (which kills only the processes it started). The
/// tests that hold on both products are written once against this class.
/// </summary>
public abstract class ClusterTestbed : IAsyncLifetime
{
    /// <summary>The daemons' minimum, so that an offline member shows within seconds.</summary>
    public const int OfflineThresholdSeconds = 11;

    /// <summary>deploy/testbed/testbed, which brings testbeds up and takes them down.</summary>
    public static string Script => Repository.File("deploy", "testbed", "testbed");

    private readonly Dictionary<string, string> env;

    protected ClusterTestbed(TestbedProduct product, string dir, string port, string stackPort)
    {
        Product = product;
        Port = port;
        StackPort = stackPort;
        env = new Dictionary<string, string>
        {
            ["LXDSCOPE_TESTBED_PRODUCT"] = product.Name,
            ["LXDSCOPE_TESTBED_DIR"] = dir,
            ["LXDSCOPE_TESTBED_PORT"] = port,
        };
    }

    public TestbedProduct Product { get; }

    /// <summary>The members' cluster port.</summary>
    public string Port { get; }

    /// <summary>The port of the collector that deploy/testbed/stack starts for the tests.</summary>
    public string StackPort { get; }

    public string Dir => env["LXDSCOPE_TESTBED_DIR"];

    public string MemberDir(string name) => Path.Combine(Dir, name);

    /// <summary>node2 → 127.0.0.2:PORT (LXD) or 127.0.2.2:PORT (Incus), as the testbed script assigns them.</summary>
    public string MemberAddress(string name) => $"{Product.Network}.{name[^1]}:{Port}";

    public async Task InitializeAsync()
    {
        await Testbed(TimeSpan.FromMinutes(5), "up", "--members", "3", "--containers", "4");
        await Lxc("node1", "config", "set", "cluster.offline_threshold", OfflineThresholdSeconds.ToString(CultureInfo.InvariantCulture));
    }

    public async Task DisposeAsync()
    {
        await Stack("down");
        await Testbed(TimeSpan.FromMinutes(2), "down");
        if (Directory.Exists(RebuildCacheDir))
        {
            Directory.Delete(RebuildCacheDir, recursive: true);
        }
    }

    /// <summary>deploy/testbed/stack runs the launcher, so the build is waited for outside its time limit.</summary>
    public async Task<ProcessResult> Stack(params string[] args)
    {
        await Executable.EnsureBuiltAsync();
        return await Processes.RunAsync(Path.Combine(Repository.Root, "deploy", "testbed", "stack"), args, TimeSpan.FromMinutes(4), env);
    }

    public Task Kill(string member) => Testbed(TimeSpan.FromSeconds(30), "kill", member);

    public Task Start(string member) => Testbed(TimeSpan.FromSeconds(90), "start", member);

    /// <summary>The product's client (lxc or incus) against a member; fails the test when it fails.</summary>
    public async Task<string> Lxc(string member, params string[] args)
    {
        var result = await Processes.RunAsync(Product.Client, args, TimeSpan.FromSeconds(60), MemberEnvironment(member));
        Assert.True(result.ExitCode == 0, $"{Product.Client} {string.Join(' ', args)} failed: {result.Stderr}");
        return result.Stdout;
    }

    /// <summary><c>lxd sql</c> or <c>incus admin sql</c> on a member.</summary>
    public async Task<ProcessResult> LxdSql(string member, string database, string query) =>
        await Processes.RunAsync(Product.SqlCommand[0], [.. Product.SqlCommand.Skip(1), database, query], TimeSpan.FromSeconds(60), MemberEnvironment(member));

    /// <summary>Runs lxdscope with its rebuild cache beside the testbed, not in root's home (removed with the testbed).</summary>
    public Task<ProcessResult> LxdScope(params string[] args) =>
        Processes.RunAsync(Executable.Launcher, args, TimeSpan.FromMinutes(3), new Dictionary<string, string> { ["LXDSCOPE_CACHE_DIR"] = RebuildCacheDir });

    private string RebuildCacheDir => Dir + "-rebuilds";

    public async Task<JsonElement> Inspect(string member)
    {
        var result = await LxdScope("inspect", "--lxd-dir", MemberDir(member), "--format", "json");
        Assert.True(result.ExitCode == 0, result.Stderr);
        return JsonDocument.Parse(result.Stdout).RootElement.Clone();
    }

    /// <summary>Until the client's cluster list on <paramref name="via"/> shows every member ONLINE.</summary>
    public async Task WaitAllOnline(string via, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        string last = "";
        while (DateTime.UtcNow < deadline)
        {
            var result = await Processes.RunAsync(Product.Client, ["cluster", "list", "--format", "json"], TimeSpan.FromSeconds(30), MemberEnvironment(via));
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

    private Dictionary<string, string> MemberEnvironment(string member) => new() { [Product.DirectoryVariable] = MemberDir(member) };

    private async Task Testbed(TimeSpan timeout, params string[] args)
    {
        var result = await Processes.RunAsync(ClusterTestbed.Script, args, timeout, env);
        Assert.True(result.ExitCode == 0, $"testbed {string.Join(' ', args)} failed ({result.ExitCode}): {result.Stderr}");
    }
}
