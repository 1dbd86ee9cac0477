using System.Globalization;
using System.Text.RegularExpressions;
using LxdScope.Agent;
using LxdScope.Collector;
using LxdScope.Deploy.Tests.Support;
using Microsoft.Extensions.Configuration;

namespace LxdScope.Deploy.Tests;

/// <summary>
/// deploy/systemd: the units pass systemd's own checks (systemd-analyze works without systemd
/// running as PID 1), and their hardening is what the agent and the collector need and no more.
/// </summary>
public sealed partial class SystemdUnitsTests
{
    private const string Binary = "/usr/bin/lxdscope";

    public static TheoryData<string> Units() => new(Directory.EnumerateFiles(Repository.File("deploy", "systemd"), "*.service").Select(Path.GetFileName).Order()!);

    [Fact]
    public void There_is_a_unit_for_the_agent_and_for_the_collector() =>
        Assert.Equal(
            ["lxdscope-agent.service", "lxdscope-collector.service"],
            Directory.EnumerateFiles(Repository.File("deploy", "systemd"), "*.service").Select(Path.GetFileName).Order());

    [Theory]
    [MemberData(nameof(Units))]
    public async Task Systemd_analyze_verify_passes_without_a_warning(string unit)
    {
        // verify also checks that ExecStart's binary exists; it is installed by the deploy, not
        // here, so the copy names an executable that does exist. Nothing else is changed.
        using var dir = new TempDirectory();
        var text = Repository.Read("deploy", "systemd", unit);
        Assert.Contains(Binary + " ", text, StringComparison.Ordinal);
        await File.WriteAllTextAsync(dir.File(unit), text.Replace(Binary, "/bin/true", StringComparison.Ordinal));

        // --man=no: Documentation=man:lxdscope(1) is installed by the package, not on this
        // machine (the package tests read that page through groff).
        var result = await Tool.Run("systemd-analyze", dir.Path, "verify", "--man=no", "./" + unit);

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.True(result.Stderr.Trim().Length == 0, $"systemd-analyze verify warned:\n{result.Stderr}");
    }

    [Theory]
    [MemberData(nameof(Units))]
    public async Task Systemd_analyze_security_rates_the_unit_OK(string unit)
    {
        // --threshold is on systemd's internal scale, ten times the printed level: 30 is 3.0.
        var result = await Tool.Run("systemd-analyze", Repository.File("deploy", "systemd"), "security", "--offline=yes", "--threshold=30", "./" + unit);

        var level = Exposure().Match(result.Output);
        Assert.True(level.Success, result.Output);
        Assert.True(result.ExitCode == 0, $"exposure {level.Groups[1].Value} above 3.0:\n{result.Output}");
        Assert.True(double.Parse(level.Groups[1].Value, CultureInfo.InvariantCulture) <= 3.0);
    }

    [Fact]
    public void The_agent_keeps_only_the_capture_capabilities_and_reads_LXD_read_only()
    {
        var unit = new UnitFile(Repository.Read("deploy", "systemd", "lxdscope-agent.service"));

        Assert.Equal("root", unit.Last("Service", "User"));
        Assert.Equal(["CAP_NET_ADMIN", "CAP_NET_RAW"], unit.Last("Service", "CapabilityBoundingSet")!.Split(' ').Order());
        Assert.Equal("strict", unit.Last("Service", "ProtectSystem"));
        var readOnly = unit.All("Service", "ReadOnlyPaths").SelectMany(v => v.Split(' ')).ToList();
        Assert.Contains("-/var/snap/lxd/common/lxd", readOnly);
        Assert.Contains("-/var/lib/lxd", readOnly);
        Assert.Empty(unit.All("Service", "ReadWritePaths"));

        // The spool's default is inside the state directory, the one writable place.
        var state = "/var/lib/" + unit.Last("Service", "StateDirectory") + "/";
        var defaults = AgentOptions.From(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Agent:Cluster"] = "c" }).Build(), requireCollector: false);
        Assert.StartsWith(state, defaults.SpoolDirectory, StringComparison.Ordinal);
        Assert.Contains("--config /etc/lxdscope/agent.json", unit.Last("Service", "ExecStart"), StringComparison.Ordinal);
    }

    [Fact]
    public void The_collector_runs_without_privilege_and_writes_only_its_database_directory()
    {
        var unit = new UnitFile(Repository.Read("deploy", "systemd", "lxdscope-collector.service"));

        Assert.Equal("yes", unit.Last("Service", "DynamicUser"));
        Assert.Equal("", unit.Last("Service", "CapabilityBoundingSet"));
        Assert.Equal("strict", unit.Last("Service", "ProtectSystem"));
        var state = "/var/lib/" + unit.Last("Service", "StateDirectory") + "/";
        var database = DatabaseFlag().Match(unit.Last("Service", "ExecStart")!);
        Assert.True(database.Success);
        Assert.StartsWith(state, database.Groups[1].Value, StringComparison.Ordinal);
        Assert.NotEqual(new CollectorOptions().DatabasePath, database.Groups[1].Value);
    }

    [GeneratedRegex(@"Overall exposure level for \S+: (\d+\.\d+)")]
    private static partial Regex Exposure();

    [GeneratedRegex(@"--database (\S+)")]
    private static partial Regex DatabaseFlag();
}
