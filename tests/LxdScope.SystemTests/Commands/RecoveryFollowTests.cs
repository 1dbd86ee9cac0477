using System.Text.RegularExpressions;
using LxdScope.SystemTests.Testbed;

namespace LxdScope.SystemTests.Commands;

/// <summary>
/// The recovery plan followed to the end, on a testbed of its own (it turns the cluster into a
/// one-member cluster, which the shared testbed must not become): quorum lost, the plan read from
/// copies of every member's raft directory, its commands run, and the cluster answers again with
/// the data written before the loss.
/// </summary>
[Collection(TestbedCollection.Name)]
public sealed partial class RecoveryFollowTests : IAsyncLifetime
{
    private readonly Dictionary<string, string> env = new()
    {
        ["LXDSCOPE_TESTBED_DIR"] = (Environment.GetEnvironmentVariable("LXDSCOPE_TEST_TESTBED_DIR") ?? "/var/tmp/lxdscope-test-testbed") + "-recovery",
        ["LXDSCOPE_TESTBED_PORT"] = (int.Parse(TestbedFixture.ConfiguredPort, System.Globalization.CultureInfo.InvariantCulture) + 100).ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    private readonly string scratch = Directory.CreateTempSubdirectory("lxdscope-recovery-test-").FullName;

    public async Task InitializeAsync() => await Testbed(TimeSpan.FromMinutes(5), "up", "--members", "3", "--containers", "0");

    public async Task DisposeAsync()
    {
        await Processes.RunAsync(ClusterTestbed.Script, ["down"], TimeSpan.FromMinutes(2), env);
        Directory.Delete(scratch, recursive: true);
    }

    [Fact]
    public async Task Following_the_plan_after_quorum_loss_brings_the_cluster_back_with_its_data()
    {
        var marker = Guid.NewGuid().ToString("N");
        await Lxc("node1", "config", "set", "user.recovery-marker", marker);

        // Quorum lost, then (step 1 of the plan) every daemon stopped.
        foreach (var member in new[] { "node2", "node3", "node1" })
        {
            await Testbed(TimeSpan.FromSeconds(30), "kill", member);
        }

        // The plan from copies of each member's raft directory (LXD's own files are only read).
        var pairs = new List<string>();
        foreach (var member in new[] { "node1", "node2", "node3" })
        {
            var copy = Path.Combine(scratch, member);
            CopyDirectory(Path.Combine(MemberDir(member), "database", "global"), copy);
            pairs.Add($"{member}={copy}");
        }

        var plan = await Processes.RunAsync(Executable.Launcher, ["forensics", "recovery-plan", .. pairs], TimeSpan.FromMinutes(3));
        Assert.True(plan.ExitCode == 0, plan.Stdout + plan.Stderr);
        var chosen = ChosenMember().Match(plan.Stdout).Groups[1].Value;
        Assert.Contains(chosen, new[] { "node1", "node2", "node3" });
        Assert.Contains("lxd cluster recover-from-quorum-loss", plan.Stdout, StringComparison.Ordinal);

        // Steps 3 to 5, as printed.
        var recover = await Processes.RunAsync("lxd", ["cluster", "recover-from-quorum-loss", "-q"], TimeSpan.FromMinutes(2), Lxd(chosen));
        Assert.True(recover.ExitCode == 0, recover.Stdout + recover.Stderr);
        await Testbed(TimeSpan.FromSeconds(120), "start", chosen);
        foreach (var lost in new[] { "node1", "node2", "node3" }.Where(m => m != chosen))
        {
            var remove = await Processes.RunAsync("bash", ["-c", $"echo yes | lxc cluster remove --force {lost}"], TimeSpan.FromMinutes(2), Lxd(chosen));
            Assert.True(remove.ExitCode == 0, remove.Stdout + remove.Stderr);
        }

        var nodes = await Processes.RunAsync("lxd", ["sql", "global", "SELECT name FROM nodes"], TimeSpan.FromMinutes(1), Lxd(chosen));
        var value = await Processes.RunAsync("lxd", ["sql", "global", "SELECT value FROM config WHERE key = 'user.recovery-marker'"], TimeSpan.FromMinutes(1), Lxd(chosen));
        Assert.True(nodes.ExitCode == 0, nodes.Stderr);
        Assert.Contains($"| {chosen} |", nodes.Stdout, StringComparison.Ordinal);
        Assert.Equal(1, nodes.Stdout.Split('\n').Count(l => l.StartsWith("| node", StringComparison.Ordinal)));
        Assert.Contains(marker, value.Stdout, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^Recover from: (\S+)$", RegexOptions.Multiline)]
    private static partial Regex ChosenMember();

    private string MemberDir(string member) => Path.Combine(env["LXDSCOPE_TESTBED_DIR"], member);

    private Dictionary<string, string> Lxd(string member) => new() { ["LXD_DIR"] = MemberDir(member) };

    private async Task Lxc(string member, params string[] args)
    {
        var result = await Processes.RunAsync("lxc", args, TimeSpan.FromSeconds(60), Lxd(member));
        Assert.True(result.ExitCode == 0, $"lxc {string.Join(' ', args)}: {result.Stderr}");
    }

    private async Task Testbed(TimeSpan timeout, params string[] args)
    {
        var result = await Processes.RunAsync(ClusterTestbed.Script, args, timeout, env);
        Assert.True(result.ExitCode == 0, $"testbed {string.Join(' ', args)} failed ({result.ExitCode}): {result.Stderr}");
    }

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }
    }
}
