using LxdScope.SystemTests.Testbed;

namespace LxdScope.SystemTests.Package;

/// <summary>
/// A Debian 12 container booting systemd on an LXD of its own (deploy/package/container), beside
/// the run's testbed: its directory and names derive from the testbed's, so two checkouts never
/// share one. Taken down (container, LXD, directory) by the same script.
/// </summary>
internal sealed class PackageContainer(string name)
{
    private readonly Dictionary<string, string> env = new()
    {
        ["LXDSCOPE_PKG_DIR"] = TestbedFixture.ConfiguredDir + "-pkg",
        ["LXDSCOPE_PKG_NAME"] = name,
    };

    public string Name => name;

    /// <summary>The LXD_DIR of the container's LXD (for lxc and Ansible's lxd connection).</summary>
    public string LxdDir => Path.Combine(env["LXDSCOPE_PKG_DIR"], "lxd");

    /// <summary>Up with <paramref name="lxdDir"/> given read-only at /var/lib/lxd; the first run on a machine runs debootstrap.</summary>
    public Task UpAsync(string lxdDir) => Script(TimeSpan.FromMinutes(15), "up", "--lxd-dir", lxdDir);

    public Task DownAsync() => Script(TimeSpan.FromMinutes(2), "down");

    public Task RestartAsync() => Script(TimeSpan.FromMinutes(2), "restart");

    public Task PushAsync(string file, string destination) => Script(TimeSpan.FromMinutes(2), "push", file, destination);

    /// <summary>A shell command inside the container; its exit code is the caller's to judge.</summary>
    public Task<ProcessResult> ShAsync(string script) =>
        Processes.RunAsync(ScriptPath, ["exec", "sh", "-c", script], TimeSpan.FromMinutes(3), env);

    /// <summary>A shell command inside the container that must succeed; its standard output.</summary>
    public async Task<string> MustAsync(string script)
    {
        var result = await ShAsync(script);
        Assert.True(result.ExitCode == 0, $"in {name}: {script}\nexit {result.ExitCode}\n{result.Stdout}\n{result.Stderr}");
        return result.Stdout;
    }

    private static string ScriptPath => Path.Combine(Repository.Root, "deploy", "package", "container");

    private async Task Script(TimeSpan timeout, params string[] args)
    {
        var result = await Processes.RunAsync(ScriptPath, args, timeout, env);
        Assert.True(result.ExitCode == 0, $"package/container {string.Join(' ', args)} failed ({result.ExitCode}): {result.Stderr}");
    }
}
