using LxdScope.Lxd.Forensics;
using LxdScope.Lxd.Raft;
using LxdScope.Lxd.Tests.Raft;

namespace LxdScope.Lxd.Tests.Forensics;

public sealed class DqliteCommandDecoderTests
{
    [Fact]
    public void Real_entries_decode_as_committing_frames_on_db_bin()
    {
        using var dir = new TempDirectory();
        ForensicsFixtures.CopyTo(dir.Path);
        var commands = new List<DqliteCommand>();
        var checkpoints = new List<ulong>();
        RaftSegment.Parse(File.ReadAllBytes(dir.File(ForensicsFixtures.Open)), ForensicsFixtures.SnapshotIndex + 1, e =>
        {
            if (e.Type != RaftEntryType.Command)
            {
                return;
            }

            Assert.True(DqliteCommandDecoder.TryDecode(e.Payload, out var command, out var error), error);
            if (command.Type == DqliteCommandType.Checkpoint)
            {
                Assert.Equal("db.bin", command.Filename);
                checkpoints.Add(e.Index);
            }
            else
            {
                commands.Add(command);
            }
        });

        // dqlite 1.11 still logs a checkpoint command now and then; it changes no content.
        Assert.Equal([1136UL], checkpoints);
        Assert.Equal(154, commands.Count);
        Assert.All(commands, c =>
        {
            Assert.Equal(DqliteCommandType.Frames, c.Type);
            Assert.Equal("db.bin", c.Filename);
            Assert.Equal(0UL, c.TxId);
            Assert.True(c.Frames!.IsCommit);
            Assert.Equal(4096, c.Frames.PageSize);
            Assert.Equal(0U, c.Frames.Truncate);
            Assert.Equal(c.Frames.PageNumbers.Count * 4096, c.Frames.Pages.Length);
        });
    }

    [Fact]
    public void Undo_open_and_checkpoint_decode()
    {
        Assert.True(DqliteCommandDecoder.TryDecode(Bytes([1, 3, 0, 0, 0, 0, 0, 0], RaftBytes.U64(7)), out var undo, out _));
        Assert.Equal(new DqliteCommand(DqliteCommandType.Undo, "", 7, null), undo);

        Assert.True(DqliteCommandDecoder.TryDecode(Bytes([1, 1, 0, 0, 0, 0, 0, 0], "db.bin\0\0"u8.ToArray()), out var open, out _));
        Assert.Equal(new DqliteCommand(DqliteCommandType.Open, "db.bin", 0, null), open);

        Assert.True(DqliteCommandDecoder.TryDecode(Bytes([1, 4, 0, 0, 0, 0, 0, 0], "db.bin\0\0"u8.ToArray()), out var checkpoint, out _));
        Assert.Equal(DqliteCommandType.Checkpoint, checkpoint.Type);
    }

    [Theory]
    [InlineData(new byte[] { 1, 2, 0 }, "shorter than its 8-byte header")]
    [InlineData(new byte[] { 2, 2, 0, 0, 0, 0, 0, 0 }, "command format is 2")]
    [InlineData(new byte[] { 1, 9, 0, 0, 0, 0, 0, 0 }, "unknown command type 9")]
    [InlineData(new byte[] { 1, 2, 0, 0, 0, 0, 0, 0, (byte)'d', (byte)'b' }, "not NUL-terminated")]
    [InlineData(new byte[] { 1, 3, 0, 0, 0, 0, 0, 0, 1 }, "undo command is cut short")]
    public void Bad_payloads_say_what_is_wrong(byte[] payload, string expected)
    {
        Assert.False(DqliteCommandDecoder.TryDecode(payload, out _, out var error));
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Frames_claiming_more_pages_than_they_hold_are_refused()
    {
        var frames = Bytes(
            [1, 2, 0, 0, 0, 0, 0, 0],
            "db.bin\0\0"u8.ToArray(),
            RaftBytes.U64(0),
            RaftBytes.U32(0),
            [1, 0, 0, 0],
            RaftBytes.U32(2),
            [0, 16, 0, 0], // page size 4096
            RaftBytes.U64(1),
            RaftBytes.U64(2),
            new byte[4096]);

        Assert.False(DqliteCommandDecoder.TryDecode(frames, out _, out var error));
        Assert.Contains("claims 2 pages of 4096 bytes", error, StringComparison.Ordinal);
    }

    private static byte[] Bytes(params byte[][] parts) => parts.SelectMany(p => p).ToArray();
}
