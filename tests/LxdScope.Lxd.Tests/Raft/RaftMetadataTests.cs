using LxdScope.Lxd.Raft;

namespace LxdScope.Lxd.Tests.Raft;

public sealed class RaftMetadataTests
{
    [Fact]
    public void ParsesTheRealFile()
    {
        var bytes = RaftFixtures.Bytes(RaftFixtures.Node1, "metadata1");
        Assert.True(RaftMetadata.TryParse(bytes, out var metadata, out var error), error);
        Assert.Equal(new RaftMetadata(1, 1, 0), metadata);
    }

    [Fact]
    public void ShortFileIsUnwritten()
    {
        Assert.False(RaftMetadata.TryParse(new byte[31], out _, out var error));
        Assert.Contains("unwritten", error, StringComparison.Ordinal);
    }

    [Fact]
    public void RejectsVersionZeroAndBadFormat()
    {
        Assert.False(RaftMetadata.TryParse(RaftBytes.Metadata(0, 5, 1), out _, out var versionError));
        Assert.Contains("version is 0", versionError, StringComparison.Ordinal);
        Assert.False(RaftMetadata.TryParse(RaftBytes.Metadata(3, 5, 1, format: 2), out _, out var formatError));
        Assert.Contains("format is 2", formatError, StringComparison.Ordinal);
        Assert.False(RaftMetadata.TryParse(new byte[33], out _, out _));
    }

    [Fact]
    public void OnlyMetadata1()
    {
        using var dir = new TempDirectory();
        File.WriteAllBytes(dir.File("metadata1"), RaftBytes.Metadata(3, 2, 1));

        var reading = RaftMetadata.ReadCurrent(dir.Path);

        Assert.Equal(new RaftMetadata(3, 2, 1), reading.Current);
        Assert.Empty(reading.Problems);
    }

    [Theory]
    [InlineData(3ul, 4ul, 4ul)]
    [InlineData(5ul, 4ul, 5ul)]
    public void HigherVersionWins(ulong version1, ulong version2, ulong expected)
    {
        using var dir = new TempDirectory();
        File.WriteAllBytes(dir.File("metadata1"), RaftBytes.Metadata(version1, version1 * 10, 1));
        File.WriteAllBytes(dir.File("metadata2"), RaftBytes.Metadata(version2, version2 * 10, 2));

        var reading = RaftMetadata.ReadCurrent(dir.Path);

        Assert.Equal(expected, reading.Current?.Version);
        Assert.Equal(expected * 10, reading.Current?.Term);
        Assert.Empty(reading.Problems);
    }

    [Fact]
    public void SameVersionInBothIsCorruption()
    {
        using var dir = new TempDirectory();
        File.WriteAllBytes(dir.File("metadata1"), RaftBytes.Metadata(4, 2, 1));
        File.WriteAllBytes(dir.File("metadata2"), RaftBytes.Metadata(4, 3, 1));

        var reading = RaftMetadata.ReadCurrent(dir.Path);

        Assert.Null(reading.Current);
        var problem = Assert.Single(reading.Problems);
        Assert.Equal(RaftProblemSeverity.Error, problem.Severity);
        Assert.Contains("both at version 4", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ShortFileIsANoteAndTheOtherWins()
    {
        using var dir = new TempDirectory();
        File.WriteAllBytes(dir.File("metadata1"), RaftBytes.Metadata(3, 2, 1));
        File.WriteAllBytes(dir.File("metadata2"), RaftBytes.Metadata(4, 3, 1)[..20]);

        var reading = RaftMetadata.ReadCurrent(dir.Path);

        Assert.Equal(3ul, reading.Current?.Version);
        var problem = Assert.Single(reading.Problems);
        Assert.Equal(RaftProblemSeverity.Note, problem.Severity);
        Assert.Contains("metadata2 has 20 bytes", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void InvalidFileIsAnErrorAndTheOtherWins()
    {
        using var dir = new TempDirectory();
        File.WriteAllBytes(dir.File("metadata1"), RaftBytes.Metadata(0, 2, 1));
        File.WriteAllBytes(dir.File("metadata2"), RaftBytes.Metadata(2, 3, 1));

        var reading = RaftMetadata.ReadCurrent(dir.Path);

        Assert.Equal(2ul, reading.Current?.Version);
        var problem = Assert.Single(reading.Problems);
        Assert.Equal(RaftProblemSeverity.Error, problem.Severity);
        Assert.Contains("metadata1 is invalid", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OversizedFileIsAnError()
    {
        using var dir = new TempDirectory();
        File.WriteAllBytes(dir.File("metadata1"), [.. RaftBytes.Metadata(1, 1, 0), .. new byte[100]]);

        var reading = RaftMetadata.ReadCurrent(dir.Path);

        Assert.Null(reading.Current);
        Assert.Contains(reading.Problems, p => p.Severity == RaftProblemSeverity.Error && p.Message.Contains("132 bytes", StringComparison.Ordinal));
    }

    [Fact]
    public void NeitherFileIsAnError()
    {
        using var dir = new TempDirectory();

        var reading = RaftMetadata.ReadCurrent(dir.Path);

        Assert.Null(reading.Current);
        var problem = Assert.Single(reading.Problems);
        Assert.Equal(RaftProblemSeverity.Error, problem.Severity);
        Assert.Contains("neither metadata1 nor metadata2", problem.Message, StringComparison.Ordinal);
    }
}
