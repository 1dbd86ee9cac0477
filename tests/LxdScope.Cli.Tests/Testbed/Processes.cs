using System.Diagnostics;

namespace LxdScope.Cli.Tests.Testbed;

public sealed record ProcessResult(int ExitCode, string Stdout, string Stderr, TimeSpan Elapsed);

/// <summary>Runs real commands (the ./lxdscope launcher, lxc, lxd, the testbed script) with a hard time limit.</summary>
internal static class Processes
{
    public static readonly string RepoRoot = FindRepoRoot();

    /// <summary>
    /// The ./lxdscope launcher, once it has built the executable: every caller (a test running it
    /// directly, in a namespace or as a background collector) waits here for the one build, so
    /// that no test's time limit includes a NativeAOT build on a loaded machine.
    /// </summary>
    public static string Launcher
    {
        get
        {
            Built.Value.GetAwaiter().GetResult();
            return LauncherPath;
        }
    }

    private static string LauncherPath => Path.Combine(RepoRoot, "lxdscope");

    /// <summary>The NativeAOT executable the launcher builds, for tracing it without the launcher script.</summary>
    public static string Binary
    {
        get
        {
            Built.Value.GetAwaiter().GetResult();
            return Path.Combine(RepoRoot, "artifacts", "publish", "lxdscope", "lxdscope");
        }
    }

    public static string TestbedScript => Path.Combine(RepoRoot, "deploy", "testbed", "testbed");

    // On the thread pool, so that callers blocking on it from xUnit's threads cannot starve its continuations.
    private static readonly Lazy<Task> Built = new(() => Task.Run(async () =>
    {
        var result = await RunAsync(LauncherPath, ["--help"], TimeSpan.FromMinutes(30));
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"the launcher could not build lxdscope: {result.Stderr}");
        }
    }));

    /// <summary>
    /// Builds the executable through the launcher once per test run (NativeAOT: minutes on a fresh
    /// clone, more than ten on a loaded 2-core machine), so that tests timing a process's start do not time the build.
    /// </summary>
    public static Task EnsureBuiltAsync() => Built.Value;

    public static async Task<ProcessResult> RunAsync(
        string file, IEnumerable<string> args, TimeSpan timeout, IReadOnlyDictionary<string, string>? env = null)
    {
        var info = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepoRoot,
        };
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        foreach (var (k, v) in env ?? new Dictionary<string, string>())
        {
            info.Environment[k] = v;
        }

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"cannot start {file}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', args)} did not finish within {timeout}: {await stderr}");
        }

        clock.Stop();
        return new ProcessResult(process.ExitCode, await stdout, await stderr, clock.Elapsed);
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "LxdScope.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("LxdScope.sln not found above the test binaries");
    }
}
