using System.Globalization;
using System.Text.Json;
using LxdScope.SystemTests.Testbed;
using static LxdScope.SystemTests.Testbed.MetricsText;

namespace LxdScope.SystemTests.Package;

/// <summary>
/// The package under a real systemd: a Debian 12 system container on an LXD of its own, with
/// node1's LXD directory given read-only at /var/lib/lxd. Installed with apt, both services run
/// through systemctl, the agent reads the member and pushes to the collector over the container's
/// loopback; hardening, restarts, remove and purge checked from inside.
/// </summary>
[Collection(TestbedCollection.Name)]
public sealed class SystemdContainerTests(TestbedFixture testbed) : IAsyncLifetime
{
    private readonly PackageContainer container = new("lxdscope-pkg-systemd");

    public async Task InitializeAsync()
    {
        await testbed.WaitAllOnline("node1", TimeSpan.FromSeconds(90));
        await container.UpAsync(testbed.MemberDir("node1"));
    }

    public Task DisposeAsync() => container.DownAsync();

    [Fact]
    public async Task Package_runs_both_services_hardened_under_systemd_and_removes_as_it_promises()
    {
        var deb = await PackageBuild.DebAsync();
        await container.PushAsync(deb, "/root/" + Path.GetFileName(deb));

        // Installed offline with apt: no configuration yet, so neither service starts.
        var install = await container.MustAsync($"DEBIAN_FRONTEND=noninteractive apt-get install -y /root/{Path.GetFileName(deb)} 2>&1");
        Assert.Contains("lxdscope-agent is not started until /etc/lxdscope/agent.json exists", install, StringComparison.Ordinal);
        Assert.Equal("enabled\nenabled\n", await container.MustAsync("systemctl is-enabled lxdscope-agent lxdscope-collector"));
        Assert.Equal("inactive\ninactive\n", (await container.ShAsync("systemctl is-active lxdscope-agent lxdscope-collector")).Stdout);
        Assert.Contains("ConditionResult=no", await container.MustAsync("systemctl show -p ConditionResult lxdscope-agent"), StringComparison.Ordinal);
        Assert.Equal((await Processes.RunAsync(Executable.Binary, ["--version"], TimeSpan.FromMinutes(1))).Stdout, await container.MustAsync("lxdscope --version"));

        // Configured as an operator would (token, its hash, both files), then started by systemctl.
        // The reachability collector is off: the container has only its own loopback, where the
        // members' cluster addresses (the host's 127.0.0.x) are not.
        await container.MustAsync("""
            set -e
            lxdscope collector hash-token --generate >/root/token
            token=$(awk '/^token:/ {print $2}' /root/token); sha=$(awk '/^sha256:/ {print $2}' /root/token)
            printf %s "$token" >/etc/lxdscope/agent.token && chmod 0600 /etc/lxdscope/agent.token
            printf '{ "Collector": { "Tokens": [ { "Cluster": "testbed", "Sha256": "%s" } ] } }\n' "$sha" >/etc/lxdscope/collector.json
            printf '{ "Agent": { "Cluster": "testbed", "Collector": "http://127.0.0.1:9470", "TokenFile": "/etc/lxdscope/agent.token", "LxdDir": "/var/lib/lxd", "Interval": "2s", "Disable": "reachability" } }\n' >/etc/lxdscope/agent.json
            systemctl start lxdscope-collector lxdscope-agent
            """);

        // The cluster as the collector sees it, from the agent reading node1's directory.
        using var found = JsonDocument.Parse(await Until(TimeSpan.FromSeconds(60), async () =>
        {
            var json = (await container.ShAsync("curl -sf http://127.0.0.1:9470/api/v1/clusters")).Stdout;
            if (json.Length == 0)
            {
                return null;
            }

            using var doc = JsonDocument.Parse(json);
            var c = doc.RootElement.EnumerateArray().FirstOrDefault(e => e.GetProperty("name").GetString() == "testbed");
            return c.ValueKind == JsonValueKind.Object && c.GetProperty("agents_up").GetInt32() == 1 && c.GetProperty("members").GetInt32() == 3 ? c.GetRawText() : null;
        }));
        var cluster = found.RootElement;
        Assert.Equal("lxd", cluster.GetProperty("product").GetString());
        Assert.Equal("global", cluster.GetProperty("source").GetString());
        Assert.Equal(3, cluster.GetProperty("voters").GetInt32());
        var metrics = await container.MustAsync("curl -sf http://127.0.0.1:9470/metrics");
        Assert.Equal(1, Value(metrics, $"lxdscope_build_info{{version=\"{(await container.MustAsync("lxdscope --version")).Trim()}\"}}"));

        // Hardening as systemd applies it, not as the unit file says.
        var agentPid = (await container.MustAsync("systemctl show -p MainPID --value lxdscope-agent")).Trim();
        var collectorPid = (await container.MustAsync("systemctl show -p MainPID --value lxdscope-collector")).Trim();
        Assert.Contains("CapBnd:\t0000000000003000", await container.MustAsync($"cat /proc/{agentPid}/status"), StringComparison.Ordinal); // CAP_NET_ADMIN, CAP_NET_RAW
        Assert.Contains(" /var/lib/lxd ro,", await container.MustAsync($"cat /proc/{agentPid}/mountinfo"), StringComparison.Ordinal);
        var write = await container.ShAsync($"nsenter -t {agentPid} -m touch /var/lib/lxd/lxdscope-write-test");
        Assert.NotEqual(0, write.ExitCode);
        Assert.Contains("Read-only file system", write.Stderr, StringComparison.Ordinal);
        var collectorUser = (await container.MustAsync($"ps -o user=,uid= -p {collectorPid}")).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal("lxdscope-collector", (await container.MustAsync($"getent passwd {collectorUser[1]} | cut -d: -f1")).Trim());
        Assert.InRange(int.Parse(collectorUser[1], CultureInfo.InvariantCulture), 61184, 65519); // systemd's DynamicUser range
        Assert.Contains("CapBnd:\t0000000000000000", await container.MustAsync($"cat /proc/{collectorPid}/status"), StringComparison.Ordinal);
        foreach (var unit in new[] { "lxdscope-agent", "lxdscope-collector" })
        {
            var level = ExposureLevel(await container.MustAsync($"systemd-analyze security {unit} 2>&1 | tail -1"));
            Assert.True(level <= 3.0, $"{unit}: exposure {level}");
        }

        // A collector restart loses nothing: while it is down the agent spools; afterwards the
        // collector (its counters fresh) accepted exactly the reports numbered since.
        // The agent is frozen while the last accepted number is read and the collector stops, so
        // that no report slips in between.
        var before = LastSequence(await container.MustAsync("""
            set -e
            systemctl kill -s SIGSTOP lxdscope-agent
            curl -sf http://127.0.0.1:9470/metrics
            systemctl stop lxdscope-collector
            systemctl kill -s SIGCONT lxdscope-agent
            """));
        await container.MustAsync("sleep 5 && systemctl start lxdscope-collector");
        var after = await Until(TimeSpan.FromSeconds(60), async () =>
        {
            var m = (await container.ShAsync("curl -sf http://127.0.0.1:9470/metrics")).Stdout;
            return m.Length > 0 && LastSequence(m) >= before + 4 && Series(m, "lxdscope_agent_spool_reports{cluster=\"testbed\"") == 0 ? m : null;
        });
        Assert.Equal(LastSequence(after) - before, Value(after, "lxdscope_ingest_reports_total{result=\"accepted\"}"));
        Assert.Equal(0, Value(after, "lxdscope_ingest_reports_total{result=\"duplicate\"}"));

        // The agent restarted keeps numbering where it was; the container restarted, both come back.
        await container.MustAsync("systemctl restart lxdscope-agent");
        var sequence = LastSequence(after);
        await Until(TimeSpan.FromSeconds(30), async () => LastSequence((await container.ShAsync("curl -sf http://127.0.0.1:9470/metrics")).Stdout) > sequence ? "" : null);
        await container.RestartAsync();
        await Until(TimeSpan.FromSeconds(60), async () =>
            (await container.ShAsync("systemctl is-active lxdscope-agent lxdscope-collector")).Stdout == "active\nactive\n"
            && (await container.ShAsync("curl -sf http://127.0.0.1:9470/api/v1/clusters/testbed")).ExitCode == 0 ? "" : null);

        // Remove: services stopped, data and the operator's files kept.
        await container.MustAsync("DEBIAN_FRONTEND=noninteractive apt-get remove -y lxdscope");
        Assert.Equal("inactive\ninactive\n", (await container.ShAsync("systemctl is-active lxdscope-agent lxdscope-collector")).Stdout);
        Assert.NotEqual(0, (await container.ShAsync("pgrep -x lxdscope")).ExitCode);
        await container.MustAsync("test ! -e /usr/bin/lxdscope && test -s /var/lib/private/lxdscope-collector/collector.db && test -d /var/lib/lxdscope/spool && test -f /etc/lxdscope/agent.token");

        // Purge: the data goes; the operator's own files stay where the operator put them.
        await container.MustAsync("DEBIAN_FRONTEND=noninteractive apt-get purge -y lxdscope");
        await container.MustAsync("test ! -e /var/lib/lxdscope && test ! -e /var/lib/private/lxdscope-collector && test ! -e /var/lib/lxdscope-collector && test -f /etc/lxdscope/agent.json");
        Assert.Equal("", await container.MustAsync("ls /etc/systemd/system/multi-user.target.wants | grep lxdscope || true"));
    }

    private static double ExposureLevel(string line)
    {
        var match = System.Text.RegularExpressions.Regex.Match(line, @"exposure level for \S+: (\d+\.\d+)");
        Assert.True(match.Success, line);
        return double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    private static double LastSequence(string metrics) => Series(metrics, "lxdscope_agent_last_sequence{cluster=\"testbed\"");

    /// <summary>The value of the one series of the run's one agent whose line starts so (its agent label is generated), -1 without it.</summary>
    private static double Series(string metrics, string start) =>
        metrics.Split('\n').Where(l => l.StartsWith(start, StringComparison.Ordinal))
            .Select(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture)).DefaultIfEmpty(-1).Single();

    private static async Task<T> Until<T>(TimeSpan limit, Func<Task<T?>> probe)
    {
        var deadline = DateTime.UtcNow + limit;
        while (true)
        {
            if (await probe() is { } value)
            {
                return value;
            }

            Assert.True(DateTime.UtcNow < deadline, $"not within {limit}");
            await Task.Delay(1000);
        }
    }
}
