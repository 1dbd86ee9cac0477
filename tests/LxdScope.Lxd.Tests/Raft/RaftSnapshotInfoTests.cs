using LxdScope.Lxd.Raft;

namespace LxdScope.Lxd.Tests.Raft;

public sealed class RaftSnapshotInfoTests
{
    private static readonly byte[] ThreeVoters = RaftBytes.Configuration(
        (1, "127.0.0.1:8443", 1), (2, "127.0.0.2:8443", 1), (3, "127.0.0.3:8443", 1));

    [Fact]
    public void DecodesAMetaBuiltFromTheLayout()
    {
        var meta = RaftBytes.SnapshotMeta(36, ThreeVoters);

        Assert.True(RaftSnapshotInfo.TryDecodeMeta(meta, out var configuration, out var error), error);
        Assert.Equal(36ul, configuration.Index);
        Assert.Equal(3, configuration.Servers.Count);
        Assert.All(configuration.Servers, s => Assert.Equal(RaftRole.Voter, s.Role));
    }

    [Fact]
    public void RejectsAChecksumMismatch()
    {
        var meta = RaftBytes.SnapshotMeta(36, ThreeVoters);
        meta[16] ^= 1; // configuration_index is covered by the checksum

        Assert.False(RaftSnapshotInfo.TryDecodeMeta(meta, out _, out var error));
        Assert.Contains("checksum", error, StringComparison.Ordinal);
    }

    [Fact]
    public void OnlyTheLow32BitsOfTheChecksumFieldCount()
    {
        var meta = RaftBytes.SnapshotMeta(36, ThreeVoters);
        meta[12] = 0xAB;

        Assert.True(RaftSnapshotInfo.TryDecodeMeta(meta, out _, out var error), error);
    }

    [Fact]
    public void RejectsBadHeaders()
    {
        var badFormat = RaftBytes.SnapshotMeta(36, ThreeVoters);
        badFormat[0] = 2;
        Assert.False(RaftSnapshotInfo.TryDecodeMeta(badFormat, out _, out var formatError));
        Assert.Contains("format is 2", formatError, StringComparison.Ordinal);

        var empty = RaftBytes.SnapshotMeta(36, []);
        Assert.False(RaftSnapshotInfo.TryDecodeMeta(empty, out _, out var lengthError));
        Assert.Contains("length 0", lengthError, StringComparison.Ordinal);

        var huge = RaftBytes.SnapshotMeta(36, ThreeVoters);
        RaftBytes.U64(ulong.MaxValue).CopyTo(huge, 24);
        Assert.False(RaftSnapshotInfo.TryDecodeMeta(huge, out _, out _));

        Assert.False(RaftSnapshotInfo.TryDecodeMeta(new byte[31], out _, out _));
    }

    [Fact]
    public void EveryTruncationFailsCleanly()
    {
        var meta = RaftBytes.SnapshotMeta(36, ThreeVoters);
        for (var length = 0; length < meta.Length; length++)
        {
            Assert.False(RaftSnapshotInfo.TryDecodeMeta(meta.AsSpan(0, length), out _, out var error));
            Assert.False(string.IsNullOrEmpty(error));
        }
    }

    [Fact]
    public void RandomMutationsNeverThrow()
    {
        var meta = RaftBytes.SnapshotMeta(36, ThreeVoters);
        var random = new Random(7);
        for (var round = 0; round < 5_000; round++)
        {
            var bytes = (byte[])meta.Clone();
            bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
            RaftSnapshotInfo.TryDecodeMeta(bytes.AsSpan(0, random.Next(bytes.Length + 1)), out _, out _);
        }
    }
}
