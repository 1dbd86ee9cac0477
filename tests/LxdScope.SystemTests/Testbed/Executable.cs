namespace LxdScope.SystemTests.Testbed;

/// <summary>The ./lxdscope launcher and the NativeAOT executable it builds, built once per test run.</summary>
internal static class Executable
{
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

    private static string LauncherPath => Path.Combine(Repository.Root, "lxdscope");

    /// <summary>The NativeAOT executable the launcher builds, for tracing it without the launcher script.</summary>
    public static string Binary
    {
        get
        {
            Built.Value.GetAwaiter().GetResult();
            return Path.Combine(Repository.Root, "artifacts", "publish", "lxdscope", "lxdscope");
        }
    }

    // On the thread pool, so that callers blocking on it from xUnit's threads cannot starve its continuations.
    private static readonly Lazy<Task> Built = new(() => Task.Run(async () =>
    {
        var result = await Processes.RunAsync(LauncherPath, ["--help"], TimeSpan.FromMinutes(30));
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
}
