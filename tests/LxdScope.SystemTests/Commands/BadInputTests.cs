using LxdScope.SystemTests.Testbed;

namespace LxdScope.SystemTests.Commands;

/// <summary>The launcher on inputs that are wrong, with no LXD needed.</summary>
public sealed class BadInputTests
{
    private static Task<ProcessResult> Run(params string[] args) =>
        Processes.RunAsync(Executable.Launcher, args, TimeSpan.FromMinutes(3), new Dictionary<string, string> { ["LXD_DIR"] = "" });

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
    [Fact]
    public async Task Forensics_rebuild_of_a_missing_directory_fails_clearly_and_writes_nothing()
    {
        var output = Path.Combine(Path.GetTempPath(), $"lxdscope-bad-{Guid.NewGuid():N}.db");

        var result = await Run("forensics", "rebuild", "--global-dir", "/nonexistent/global", "-o", output);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("no raft directory at /nonexistent/global", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(result.Stdout);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public async Task Forensics_rebuild_of_an_empty_directory_fails_clearly()
    {
        var dir = Directory.CreateTempSubdirectory("lxdscope-empty-global-").FullName;

        var result = await Run("forensics", "rebuild", "--global-dir", dir, "-o", Path.Combine(dir, "..", "x.db"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("holds no raft log entries and no snapshot", result.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("forensics", "recovery-plan")]
    [InlineData("forensics", "recovery-plan", "node1")]
    [InlineData("forensics", "recovery-plan", "node1=/a", "node1=/b")]
    [InlineData("forensics", "recovery-plan", "node1=/a", "--collector", "http://127.0.0.1:1", "--cluster", "c")]
    [InlineData("forensics", "recovery-plan", "--collector", "http://127.0.0.1:1")]
    [InlineData("forensics", "recovery-plan", "--collector", "not a url", "--cluster", "c")]
    [InlineData("forensics", "recovery-plan", "--collector", "http://127.0.0.1:1", "--cluster", "c", "--token-file", "/nonexistent/viewer-token")]
    [InlineData("sql", "--from-files", "local", "select 1")]
    [InlineData("sql", "--lxd-dir", "/nonexistent", "--at-index", "5", "global", "select 1")]
    [InlineData("forensics", "log", "--lxd-dir", "/nonexistent/lxd")]
    [InlineData("forensics", "diff", "--lxd-dir", "/nonexistent/lxd", "--from-index", "1", "--to-index", "2")]
    public async Task Forensics_usage_errors_are_exit_code_2(params string[] args)
    {
        var result = await Run(args);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("lxdscope: ", result.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("no raft directory at /nonexistent/global", "forensics", "log", "--global-dir", "/nonexistent/global")]
    [InlineData("no raft directory at /nonexistent/global", "forensics", "diff", "--global-dir", "/nonexistent/global", "--from-index", "1", "--to-index", "2")]
    [InlineData("--to-index 1 is before --from-index 2", "forensics", "diff", "--global-dir", "/nonexistent/global", "--from-index", "2", "--to-index", "1")]
    [InlineData("raft indexes start at 1", "forensics", "log", "--global-dir", "/nonexistent/global", "--from-index", "0")]
    public async Task Forensics_log_and_diff_on_what_cannot_be_read_fail_clearly(string reason, params string[] args)
    {
        var result = await Run(args);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(reason, result.Stderr, StringComparison.Ordinal);
        Assert.Empty(result.Stdout);
    }

    [Fact]
    public async Task Recovery_plan_from_a_collector_that_is_not_there_fails_clearly()
    {
        var result = await Run("forensics", "recovery-plan", "--collector", "http://127.0.0.1:9", "--cluster", "c");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("cannot read cluster c from the collector", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Recovery_plan_with_no_readable_member_recommends_none()
    {
        var result = await Run("forensics", "recovery-plan", "a=/nonexistent/a", "b=/nonexistent/b");

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("Recover from: no member can be recommended", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("no raft directory at /nonexistent/a", result.Stdout, StringComparison.Ordinal);
    }
    [Fact]
    public async Task Inspect_without_lxd_reads_members_from_the_database_rebuilt_from_the_raft_files()
    {
        // An LXD directory with no daemon: the real raft files of a testbed member, no local.db.
        var dir = Directory.CreateTempSubdirectory("lxdscope-files-only-").FullName;
        var global = Directory.CreateDirectory(Path.Combine(dir, "database", "global")).FullName;
        var fixtures = Path.Combine(Repository.Root, "tests", "LxdScope.Lxd.Tests", "Forensics", "Fixtures", "snapshot-node1");
        foreach (var file in Directory.EnumerateFiles(fixtures))
        {
            if (file.EndsWith(".gz", StringComparison.Ordinal))
            {
                using var input = File.OpenRead(file);
                using var gzip = new System.IO.Compression.GZipStream(input, System.IO.Compression.CompressionMode.Decompress);
                using var output = File.Create(Path.Combine(global, Path.GetFileName(file)[..^3]));
                await gzip.CopyToAsync(output);
            }
            else
            {
                File.Copy(file, Path.Combine(global, Path.GetFileName(file)));
            }
        }

        var json = await Run("inspect", "--lxd-dir", dir, "--format", "json");
        var table = await Run("inspect", "--lxd-dir", dir);

        Assert.Equal(0, json.ExitCode);
        using var report = System.Text.Json.JsonDocument.Parse(json.Stdout);
        var root = report.RootElement;
        Assert.Equal("files", root.GetProperty("source").GetString());
        var fromFiles = root.GetProperty("global_from_files");
        Assert.Equal(1180, fromFiles.GetProperty("index").GetInt64());
        Assert.Equal("from files, as of raft index 1180, term 1", fromFiles.GetProperty("as_of").GetString());
        Assert.Equal(1024, fromFiles.GetProperty("snapshot_index").GetInt64());
        var members = root.GetProperty("members").EnumerateArray().ToList();
        Assert.Equal(["node1", "node2", "node3"], members.Select(m => m.GetProperty("name").GetString()));
        Assert.All(members, m => Assert.Equal(60, m.GetProperty("schema").GetInt32()));
        Assert.Contains("Global database: from files, as of raft index 1180, term 1", table.Stdout, StringComparison.Ordinal);
        Assert.Equal(4, Directory.EnumerateFileSystemEntries(global).Count()); // nothing written into the raft directory
    }
}
