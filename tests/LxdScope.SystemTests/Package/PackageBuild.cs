using LxdScope.SystemTests.Testbed;

namespace LxdScope.SystemTests.Package;

/// <summary>
/// The Debian package, built once per test run by deploy/package/build (which fails when lintian
/// reports anything not overridden with its reason).
/// </summary>
internal static class PackageBuild
{
    private static readonly Lazy<Task<string>> Built = new(() => Task.Run(async () =>
    {
        await Executable.EnsureBuiltAsync();
        var result = await Processes.RunAsync(Path.Combine(Repository.Root, "deploy", "package", "build"), [], TimeSpan.FromMinutes(10));
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"deploy/package/build failed ({result.ExitCode}): {result.Stderr}");
        }

        return result.Stdout.Trim();
    }));

    /// <summary>The path of lxdscope_&lt;version&gt;_amd64.deb.</summary>
    public static Task<string> DebAsync() => Built.Value;
}
