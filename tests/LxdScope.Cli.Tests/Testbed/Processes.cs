using System.Diagnostics;

namespace LxdScope.Cli.Tests.Testbed;

public sealed record ProcessResult(int ExitCode, string Stdout, string Stderr, TimeSpan Elapsed);

/// <summary>Runs real commands (the ./lxdscope launcher, lxc, lxd, the testbed script) with a hard time limit.</summary>
internal static class Processes
{
    public static readonly string RepoRoot = FindRepoRoot();

    public static string Launcher => Path.Combine(RepoRoot, "lxdscope");

    /// <summary>The NativeAOT executable the launcher builds (run the launcher once first), for tracing it without the launcher script.</summary>
    public static string Binary => Path.Combine(RepoRoot, "artifacts", "publish", "lxdscope", "lxdscope");

    public static string TestbedScript => Path.Combine(RepoRoot, "deploy", "testbed", "testbed");

    private static readonly Lazy<Task> Built = new(async () =>
    {
        var result = await RunAsync(Launcher, ["--help"], TimeSpan.FromMinutes(15));
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"the launcher could not build lxdscope: {result.Stderr}");
        }
    });

    /// <summary>
    /// Builds the executable through the launcher once per test run (NativeAOT, minutes on a fresh
    /// clone), so that tests timing a process's start do not time the build.
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
