using LxdScope.Cli.Tests.Testbed;

namespace LxdScope.Cli.Tests.Commands;

/// <summary>The launcher on inputs that are wrong, with no LXD needed.</summary>
public sealed class BadInputTests
{
    private static Task<ProcessResult> Run(params string[] args) =>
        Processes.RunAsync(Processes.Launcher, args, TimeSpan.FromMinutes(3), new Dictionary<string, string> { ["LXD_DIR"] = "" });

    [Fact]
    public async Task No_LXD_directory_is_exit_code_2_with_the_reason()
    {
        var result = await Run("inspect", "--lxd-dir", "/nonexistent/lxd");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("/nonexistent/lxd is not an LXD directory", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(result.Stdout);
    }

    [Fact]
    public async Task A_corrupt_local_db_still_gives_a_report_naming_the_problem()
    {
        var dir = Directory.CreateTempSubdirectory("lxdscope-corrupt-").FullName;
        Directory.CreateDirectory(Path.Combine(dir, "database", "global"));
        await File.WriteAllBytesAsync(Path.Combine(dir, "database", "local.db"), Enumerable.Range(0, 8192).Select(i => (byte)(i * 31)).ToArray());

        var result = await Run("inspect", "--lxd-dir", dir, "--format", "json");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("local.db", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("\"source\": \"files\"", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("LXD is not answering", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sql_on_a_corrupt_local_db_fails_clearly()
    {
        var dir = Directory.CreateTempSubdirectory("lxdscope-corrupt-").FullName;
        Directory.CreateDirectory(Path.Combine(dir, "database"));
        await File.WriteAllTextAsync(Path.Combine(dir, "database", "local.db"), new string('x', 4096));

        var result = await Run("sql", "--lxd-dir", dir, "local", "select 1");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("cannot be read", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_database_name_is_a_usage_error()
    {
        var result = await Run("sql", "--lxd-dir", "/nonexistent", "cluster", "select 1");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("cluster", result.Stderr, StringComparison.Ordinal);
    }
}
