using LxdScope.Lxd.Raft;

namespace LxdScope.Lxd.Tests.Raft;

public sealed class RaftConfigurationTests
{
    [Fact]
    public void DecodesTheRealBootstrapConfiguration()
    {
        // Segment 1-1: format (8), preamble (16), one entry header (16), then the 24-byte payload.
        var segment = RaftFixtures.Bytes(RaftFixtures.Node1, RaftFixtures.ClosedFirst);
        var payload = segment.AsSpan(40, 24);

        Assert.True(RaftConfiguration.TryDecode(payload, 1, out var configuration, out var error), error);
        Assert.Equal(1ul, configuration.Index);
        var server = Assert.Single(configuration.Servers);
        Assert.Equal(new RaftServer(1, "1", RaftRole.Voter), server);
    }

    [Fact]
    public void UsesTheCRaftRoleNumbering()
    {
        var bytes = RaftBytes.Configuration((1, "a:8443", 1), (2, "b:8443", 0), (3, "c:8443", 2));

        Assert.True(RaftConfiguration.TryDecode(bytes, 7, out var configuration, out var error), error);
        Assert.Equal(
            [new RaftServer(1, "a:8443", RaftRole.Voter), new RaftServer(2, "b:8443", RaftRole.StandBy), new RaftServer(3, "c:8443", RaftRole.Spare)],
            configuration.Servers);
        Assert.Equal(7ul, configuration.Index);
    }

    [Fact]
    public void AcceptsAnEmptyConfiguration()
    {
        Assert.True(RaftConfiguration.TryDecode(RaftBytes.Configuration(), 1, out var configuration, out _));
        Assert.Empty(configuration.Servers);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(8)]
    public void RejectsTooShortInput(int length)
    {
        Assert.False(RaftConfiguration.TryDecode(new byte[length], 1, out _, out var error));
        Assert.Contains("shorter", error, StringComparison.Ordinal);
    }

    [Fact]
    public void RejectsAnUnknownEncodingVersion()
    {
        var bytes = RaftBytes.Configuration((1, "a", 1));
        bytes[0] = 2;
        Assert.False(RaftConfiguration.TryDecode(bytes, 1, out _, out var error));
        Assert.Contains("version is 2", error, StringComparison.Ordinal);
    }

    [Fact]
    public void RejectsABadRole()
    {
        var bytes = RaftBytes.Configuration((1, "a:8443", 7));
        Assert.False(RaftConfiguration.TryDecode(bytes, 1, out _, out var error));
        Assert.Contains("role byte 7", error, StringComparison.Ordinal);
    }

    [Fact]
    public void RejectsDuplicates()
    {
        Assert.False(RaftConfiguration.TryDecode(RaftBytes.Configuration((1, "a", 1), (1, "b", 1)), 1, out _, out var idError));
        Assert.Contains("id 1 appears twice", idError, StringComparison.Ordinal);
        Assert.False(RaftConfiguration.TryDecode(RaftBytes.Configuration((1, "a", 1), (2, "a", 1)), 1, out _, out var addressError));
        Assert.Contains("address a appears twice", addressError, StringComparison.Ordinal);
    }

    [Fact]
    public void RejectsIdZero()
    {
        Assert.False(RaftConfiguration.TryDecode(RaftBytes.Configuration((0, "a", 1)), 1, out _, out var error));
        Assert.Contains("id is 0", error, StringComparison.Ordinal);
    }

    [Fact]
    public void RejectsAnAbsurdServerCountWithoutAllocatingForIt()
    {
        var bytes = RaftBytes.Configuration((1, "a", 1));
        RaftBytes.U64(ulong.MaxValue).CopyTo(bytes, 1);
        Assert.False(RaftConfiguration.TryDecode(bytes, 1, out _, out var error));
        Assert.Contains("claims", error, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryTruncationFailsCleanly()
    {
        var bytes = RaftBytes.Configuration((1, "127.0.0.1:8443", 1), (2, "127.0.0.2:8443", 0));

        // The unpadded encoding is 1 + 8 + 2 * (8 + 15 + 1) = 57 bytes.
        for (var length = 0; length < 57; length++)
        {
            Assert.False(RaftConfiguration.TryDecode(bytes.AsSpan(0, length), 1, out var configuration, out var error));
            Assert.Null(configuration);
            Assert.False(string.IsNullOrEmpty(error));
        }

        Assert.True(RaftConfiguration.TryDecode(bytes.AsSpan(0, 57), 1, out _, out _));
    }
}
