using System.Text.Json;

namespace LxdScope.SystemTests.Testbed;

/// <summary>
/// One generation fixture served by the fake daemon (tests/LxdScope.FakeLxd) inside a namespace of
/// its own holding the fixture's member addresses, and the way to read it back: the release's
/// cluster list, its answer, its voters by its own rule, an agent and a collector run beside it.
/// </summary>
internal sealed class FakeGeneration : IAsyncDisposable
{
    private static int count;
    private readonly BackgroundProcess daemon;
    private readonly string folder;

    private FakeGeneration(NetworkNamespace ns, BackgroundProcess daemon, string folder, string dir)
    {
        Namespace = ns;
        this.daemon = daemon;
        this.folder = folder;
        Dir = dir;
    }

    public NetworkNamespace Namespace { get; }

    /// <summary>The LXD directory the fake daemon made: local.db, raft directory, cluster.crt, unix.socket.</summary>
    public string Dir { get; }

    /// <summary>The collector's and agent's own files, beside (never inside) the LXD directory.</summary>
    private string StackDir => Dir + "-stack";

    private static string Fixtures => Path.Combine(Repository.Root, "tests", "LxdScope.Lxd.Tests");

    private static string DaemonDll =>
        Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "LxdScope.FakeLxd", new DirectoryInfo(AppContext.BaseDirectory).Name, "LxdScope.FakeLxd.dll"));

    public static async Task<FakeGeneration> StartAsync(string generation)
    {
        await Executable.EnsureBuiltAsync();
        var folder = Path.Combine(Fixtures, "Generations", generation);
        using var members = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "members.json")));
        var addresses = members.RootElement.GetProperty("metadata").EnumerateArray()
            .Select(m => m.GetProperty("url").GetString()!["https://".Length..].Split(':')[0]);
        var ns = await NetworkNamespace.CreateAsync($"lxdscope-gen-{Environment.ProcessId}-{Interlocked.Increment(ref count)}", addresses);
        var dir = Directory.CreateTempSubdirectory("lxdscope-gen-").FullName;
        var daemon = BackgroundProcess.Start("ip", ns.Exec("dotnet", DaemonDll, folder, Fixtures, dir));
        var fake = new FakeGeneration(ns, daemon, folder, dir);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!daemon.Output.Contains("ready", StringComparison.Ordinal))
        {
            if (daemon.HasExited || DateTime.UtcNow > deadline)
            {
                var output = daemon.Tail;
                await fake.DisposeAsync();
                throw new InvalidOperationException($"the fake {generation} daemon did not start: {output}");
            }

            await Task.Delay(100);
        }

        return fake;
    }

    /// <summary>Each member's name, status and message as the release's members API answers (cluster-list.txt prints exactly these; the fixture tests hold the two together).</summary>
    public List<(string Name, string Status, string Message)> Answered()
    {
        using var members = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "members.json")));
        return members.RootElement.GetProperty("metadata").EnumerateArray()
            .Select(m => (m.GetProperty("server_name").GetString()!, m.GetProperty("status").GetString()!, m.GetProperty("message").GetString()!))
            .ToList();
    }

    /// <summary>The voters by the rule that holds on every generation (docs/generations.md §1.2): database:true without a roles key, else a voter role.</summary>
    public HashSet<string> ApiVoters()
    {
        using var members = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "members.json")));
        return members.RootElement.GetProperty("metadata").EnumerateArray()
            .Where(m => m.TryGetProperty("roles", out var roles) && roles.ValueKind != JsonValueKind.Null
                ? roles.EnumerateArray().Any(r => r.GetString() is "database" or "database-voter" or "database-leader")
                : !m.TryGetProperty("roles", out _) && m.GetProperty("database").GetBoolean())
            .Select(m => m.GetProperty("server_name").GetString()!)
            .ToHashSet();
    }

    /// <summary>A collector and this member's agent inside the namespace; the cluster's status once the agent has reported.</summary>
    public async Task<JsonElement> CollectAsync()
    {
        var state = Directory.CreateDirectory(StackDir).FullName;
        var (config, tokenFile) = await CollectorFiles.WriteAsync(state, "notes");
        const string url = "http://127.0.0.1:9470"; // the namespace's own loopback
        await using var collector = BackgroundProcess.Start("ip", Namespace.Exec(Executable.Binary, "collector", "--config", config, "--urls", url));
        await using var agent = BackgroundProcess.Start("ip", Namespace.Exec(
            Executable.Binary, "agent", "--cluster", "notes", "--collector", url, "--token-file", tokenFile,
            "--lxd-dir", Dir, "--spool-dir", Path.Combine(state, "spool"), "--agent-id", "agent-notes", "--interval", "1s"));
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        var last = "";
        while (DateTime.UtcNow < deadline)
        {
            var answer = await Namespace.RunAsync(TimeSpan.FromSeconds(10), "curl", "-sf", $"{url}/api/v1/clusters/notes");
            last = answer.Stdout;
            if (answer.ExitCode == 0 && JsonDocument.Parse(answer.Stdout).RootElement.GetProperty("status") is var status && status.GetProperty("source").GetString() == "global")
            {
                return status.Clone();
            }

            await Task.Delay(500);
        }

        throw new InvalidOperationException($"the agent's report did not reach the collector: {last}\ncollector: {collector.Tail}\nagent: {agent.Tail}");
    }

    public async ValueTask DisposeAsync()
    {
        await daemon.DisposeAsync();
        await Namespace.DisposeAsync();
        Directory.Delete(Dir, recursive: true);
        if (Directory.Exists(StackDir))
        {
            Directory.Delete(StackDir, recursive: true);
        }
    }
}
