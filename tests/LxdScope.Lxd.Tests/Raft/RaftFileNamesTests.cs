using LxdScope.Lxd.Raft;

namespace LxdScope.Lxd.Tests.Raft;

public sealed class RaftFileNamesTests
{
    [Fact]
    public void ClosedSegmentNames()
    {
        Assert.True(RaftFileNames.TryParseClosed("0000000000000002-0000000000000021", out var first, out var end));
        Assert.Equal((2ul, 21ul), (first, end));
        Assert.Equal("0000000000000002-0000000000000021", RaftFileNames.Closed(2, 21));
    }

    [Theory]
    [InlineData("open-1")]
    [InlineData("metadata1")]
    [InlineData("db.bin")]
    [InlineData("-0000000000000021")]
    [InlineData("0000000000000002-")]
    [InlineData("0000000000000002-0000000000000021-1")]
    [InlineData("+000000000000002-0000000000000021")]
    [InlineData(" 000000000000002-0000000000000021")]
    [InlineData("00000000000000002-0000000000000021")]
    public void NotClosedSegmentNames(string name) => Assert.False(RaftFileNames.TryParseClosed(name, out _, out _));

    [Fact]
    public void OpenSegmentNames()
    {
        Assert.True(RaftFileNames.TryParseOpen("open-3", out var counter));
        Assert.Equal(3ul, counter);
        Assert.False(RaftFileNames.TryParseOpen("open-", out _));
        Assert.False(RaftFileNames.TryParseOpen("open-x", out _));
        Assert.False(RaftFileNames.TryParseOpen("open--1", out _));
        Assert.False(RaftFileNames.TryParseOpen("open-1.tmp", out _));
    }

    [Fact]
    public void SnapshotNames()
    {
        Assert.True(RaftFileNames.TryParseSnapshot("snapshot-1-1024-3456789", out var term, out var index, out var clock, out var isMeta));
        Assert.Equal((1ul, 1024ul, 3456789ul, false), (term, index, clock, isMeta));

        Assert.True(RaftFileNames.TryParseSnapshot("snapshot-2-2048-99.meta", out term, out index, out clock, out isMeta));
        Assert.Equal((2ul, 2048ul, 99ul, true), (term, index, clock, isMeta));
    }

    [Theory]
    [InlineData("snapshot-1-1024")]
    [InlineData("snapshot-1-1024-5-6")]
    [InlineData("snapshot-1-x-5")]
    [InlineData("snapshot--1024-5")]
    [InlineData("snapshot-1-1024-5.tmp")]
    [InlineData("snapshot-1-1024-5.meta.meta")]
    [InlineData("0000000000000001-0000000000000001")]
    public void NotSnapshotNames(string name) => Assert.False(RaftFileNames.TryParseSnapshot(name, out _, out _, out _, out _));
}
