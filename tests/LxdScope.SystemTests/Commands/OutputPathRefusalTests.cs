using LxdScope.SystemTests.Testbed;

namespace LxdScope.SystemTests.Commands;

/// <summary>
/// Every flag that names a place LxdScope writes to, pointed into an LXD directory — directly,
/// relative, and through a symbolic link — is refused with exit code 3 before anything is
/// written, and LXD's files are left as they were. No LXD needed: the directory is a stand-in
/// with LXD's layout.
/// </summary>
public sealed class OutputPathRefusalTests : IAsyncLifetime
{
    private const int Refused = 3;
    private readonly string _scratch = Directory.CreateTempSubdirectory("lxdscope-refusal-").FullName;
    private readonly string _lxd;
    private readonly string _localDb;

    public OutputPathRefusalTests()
    {
        _lxd = Path.Combine(_scratch, "lxd");
        Directory.CreateDirectory(Path.Combine(_lxd, "database", "global"));
        _localDb = Path.Combine(_lxd, "database", "local.db");
        File.WriteAllText(_localDb, "LXD's own local.db");
        Directory.CreateSymbolicLink(Path.Combine(_scratch, "out"), Path.Combine(_lxd, "database"));
    }

    // Built once per run before any launcher call: parallel first calls would each start a build.
    public Task InitializeAsync() => Executable.EnsureBuiltAsync();

    public Task DisposeAsync()
    {
        Directory.Delete(_scratch, recursive: true);
        return Task.CompletedTask;
    }

    private Task<ProcessResult> Run(string workingDirectoryRelativeTo, params string[] args) =>
        Processes.RunAsync("/bin/sh", ["-c", $"cd \"$0\" && exec \"$@\"", workingDirectoryRelativeTo, Executable.Launcher, .. args], TimeSpan.FromMinutes(15),
            new Dictionary<string, string> { ["LXD_DIR"] = "" });

    private void AssertRefusedAndUntouched(ProcessResult result, string flag)
    {
        Assert.True(result.ExitCode == Refused, $"exit {result.ExitCode}: {result.Stderr}");
        Assert.Contains($"refusing to write {flag}", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("an LXD/Incus directory", result.Stderr, StringComparison.Ordinal);
        Assert.Equal("LXD's own local.db", File.ReadAllText(_localDb));
        Assert.Equal(["global", "local.db"], Directory.EnumerateFileSystemEntries(Path.Combine(_lxd, "database")).Select(Path.GetFileName).Order());
    }

    [Theory]
    [InlineData("lxd/database/local.db")]
    [InlineData("out/local.db")]
    [InlineData("out/../database/new.db")]
    [InlineData("elsewhere/../lxd/database/global/../local.db")]
    public async Task Forensics_rebuild_output_into_the_LXD_directory_is_refused(string output)
    {
        var result = await Run(_scratch, "forensics", "rebuild", "--lxd-dir", _lxd, "-o", output);

        AssertRefusedAndUntouched(result, "--output");
    }

    [Fact]
    public async Task Forensics_rebuild_output_into_LXD_DIR_from_the_environment_is_refused()
    {
        var result = await Processes.RunAsync(Executable.Launcher, ["forensics", "rebuild", "-o", Path.Combine(_scratch, "out", "local.db")], TimeSpan.FromMinutes(15),
            new Dictionary<string, string> { ["LXD_DIR"] = _lxd });

        AssertRefusedAndUntouched(result, "--output");
    }

    [Fact]
    public async Task Forensics_rebuild_from_a_copied_global_dir_still_refuses_the_default_locations()
    {
        var result = await Run(_scratch, "forensics", "rebuild", "--global-dir", Path.Combine(_lxd, "database", "global"), "-o", "/var/lib/lxd/database/local.db");

        Assert.True(result.ExitCode == Refused, result.Stderr);
        Assert.Contains("inside /var/lib/lxd", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fan_capture_pcap_into_the_LXD_directory_is_refused_before_capturing()
    {
        var result = await Processes.RunAsync(Executable.Launcher, ["fan", "capture", "-i", "lo", "--duration", "00:00:01", "-w", Path.Combine(_scratch, "out", "x.pcap")], TimeSpan.FromMinutes(15),
            new Dictionary<string, string> { ["LXD_DIR"] = _lxd });

        AssertRefusedAndUntouched(result, "--write");
        Assert.DoesNotContain("capturing on", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Agent_spool_directory_into_the_LXD_directory_is_refused()
    {
        var result = await Run(Path.Combine(_lxd, "database"), "agent", "--once", "--cluster", "c", "--lxd-dir", _lxd, "--spool-dir", "global/../spool");

        AssertRefusedAndUntouched(result, "the spool directory");
    }

    [Fact]
    public async Task Collector_database_into_the_LXD_directory_is_refused()
    {
        var result = await Processes.RunAsync(Executable.Launcher, ["collector", "--urls", "http://127.0.0.1:0", "--database", Path.Combine(_scratch, "out", "collector.db")], TimeSpan.FromMinutes(15),
            new Dictionary<string, string> { ["LXD_DIR"] = _lxd });

        AssertRefusedAndUntouched(result, "Collector:DatabasePath");
    }
}
