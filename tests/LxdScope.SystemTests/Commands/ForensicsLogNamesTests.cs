using System.IO.Compression;
using System.Text.Json;
using LxdScope.SystemTests.Testbed;

namespace LxdScope.SystemTests.Commands;

/// <summary>
/// <c>forensics log</c> names the members in configuration entries, text and JSON, on the real raft
/// files of a three-member LXD 5.0.2 cluster from its first entry (the Raft fixture of the LXD tests).
/// </summary>
public sealed class ForensicsLogNamesTests : IDisposable
{
    private readonly string _global = Directory.CreateTempSubdirectory("lxs-forensics-names-").FullName;

    public ForensicsLogNamesTests()
    {
        foreach (var path in Directory.EnumerateFiles(Path.Combine(Repository.Root, "tests", "LxdScope.Lxd.Tests", "Raft", "Fixtures", "node1")))
        {
            var name = Path.GetFileName(path);
            if (name.EndsWith(".gz", StringComparison.Ordinal))
            {
                using var input = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
                using var output = File.Create(Path.Combine(_global, name[..^3]));
                input.CopyTo(output);
            }
            else
            {
                File.Copy(path, Path.Combine(_global, name));
            }
        }
    }

    public void Dispose() => Directory.Delete(_global, recursive: true);

    private Task<ProcessResult> Log(params string[] args) =>
        Processes.RunAsync(Executable.Launcher, ["forensics", "log", "--global-dir", _global, "--from-index", "26", "--to-index", "36", .. args], TimeSpan.FromMinutes(15));

    [Fact]
    public async Task Configuration_lines_name_the_member_after_its_raft_id()
    {
        var result = await Log();

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Matches(@"\n\s*26\s+\d+\s+configuration\s+-\s+2 node2 127\.0\.0\.2:\d+ joins as spare => 1 node1 127\.0\.0\.1:\d+ voter, 2 node2 127\.0\.0\.2:\d+ spare\n", result.Stdout);
        Assert.Matches(@"\n\s*36\s+\d+\s+configuration\s+-\s+2 node2 127\.0\.0\.2:\d+ stand-by -> voter => ", result.Stdout);
    }

    [Fact]
    public async Task Json_gives_each_change_and_member_its_name()
    {
        var result = await Log("--format", "json");

        Assert.True(result.ExitCode == 0, result.Stderr);
        using var doc = JsonDocument.Parse(result.Stdout);
        var joined = doc.RootElement.GetProperty("entries").EnumerateArray().Single(e => e.GetProperty("index").GetUInt64() == 26);
        var change = Assert.Single(joined.GetProperty("membership_changes").EnumerateArray());
        Assert.Equal("node2", change.GetProperty("name").GetString());
        Assert.Equal(2UL, change.GetProperty("id").GetUInt64());
        Assert.Equal(
            ["node1", "node2"],
            joined.GetProperty("membership").EnumerateArray().Select(m => m.GetProperty("name").GetString()).Order(StringComparer.Ordinal));
    }
}
