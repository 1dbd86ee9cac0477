using System.Text.Json;
using LxdScope.SystemTests.Testbed;

namespace LxdScope.SystemTests.Commands;

/// <summary>Inspect on copies of a real member's database directory, damaged the way disks and crashes damage them.</summary>
[Collection(TestbedCollection.Name)]
public sealed class DamagedCopyTests(TestbedFixture testbed)
{
    [Fact]
    public async Task A_truncated_closed_segment_is_named_and_the_position_is_still_given()
    {
        var copy = CopyDatabase();
        var segment = LargestClosedSegment(copy);
        var length = new FileInfo(segment).Length;
        using (var f = new FileStream(segment, FileMode.Open, FileAccess.Write))
        {
            f.SetLength(length / 2);
        }

        var report = await InspectCopy(copy);

        var warnings = report.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()!).ToList();
        Assert.Contains(warnings, w => w.Contains(Path.GetFileName(segment), StringComparison.Ordinal));
        Assert.True(report.GetProperty("raft").GetProperty("last_index").GetUInt64() > 0);
    }

    [Fact]
    public async Task A_flipped_byte_in_a_closed_segment_is_a_checksum_error()
    {
        var copy = CopyDatabase();
        var segment = LargestClosedSegment(copy);
        var bytes = await File.ReadAllBytesAsync(segment);
        bytes[bytes.Length / 2] ^= 0x40;
        await File.WriteAllBytesAsync(segment, bytes);

        var report = await InspectCopy(copy);

        var warnings = report.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()!).ToList();
        Assert.Contains(warnings, w => w.StartsWith("error:", StringComparison.Ordinal) && w.Contains("checksum", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task A_missing_raft_directory_leaves_the_rest_of_the_report()
    {
        var copy = CopyDatabase();
        Directory.Delete(Path.Combine(copy, "database", "global"), recursive: true);

        var report = await InspectCopy(copy);

        Assert.Equal(JsonValueKind.Null, report.GetProperty("files").ValueKind);
        Assert.Contains(report.GetProperty("errors").EnumerateArray(), e => e.GetString()!.StartsWith("raft files:", StringComparison.Ordinal));
        Assert.Equal(3, report.GetProperty("local").GetProperty("raft_nodes").GetArrayLength());
    }

    private async Task<JsonElement> InspectCopy(string dir)
    {
        var result = await testbed.LxdScope("inspect", "--lxd-dir", dir, "--format", "json");
        Assert.True(result.ExitCode == 0, result.Stderr);
        var report = JsonDocument.Parse(result.Stdout).RootElement.Clone();
        // A copy has no daemon: the report must come from the files.
        Assert.Equal("files", report.GetProperty("source").GetString());
        return report;
    }

    /// <summary>Only copies: LXD's own files are never written to.</summary>
    private string CopyDatabase()
    {
        var target = Directory.CreateTempSubdirectory("lxdscope-copy-").FullName;
        var source = Path.Combine(testbed.MemberDir("node1"), "database");
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var to = Path.Combine(target, "database", Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(file, to);
        }

        return target;
    }

    private static string LargestClosedSegment(string copy) =>
        Directory.EnumerateFiles(Path.Combine(copy, "database", "global"))
            .Where(f => System.Text.RegularExpressions.Regex.IsMatch(Path.GetFileName(f), "^[0-9]{16}-[0-9]{16}$"))
            .OrderByDescending(f => new FileInfo(f).Length)
            .First();
}
