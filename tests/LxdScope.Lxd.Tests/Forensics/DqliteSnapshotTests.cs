using K4os.Compression.LZ4.Streams;
using LxdScope.Lxd.Forensics;
using LxdScope.Lxd.Tests.Raft;

namespace LxdScope.Lxd.Tests.Forensics;

public sealed class DqliteSnapshotTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public DqliteSnapshotTests() => ForensicsFixtures.CopyTo(_dir.Path);

    public void Dispose() => _dir.Dispose();

    private byte[] File0 => File.ReadAllBytes(_dir.File(ForensicsFixtures.Snapshot));

    [Fact]
    public void Real_snapshot_is_an_lz4_frame_holding_db_bin_and_its_wal()
    {
        var file = File0;
        Assert.Equal(new byte[] { 0x04, 0x22, 0x4D, 0x18 }, file[..4]);

        var database = Assert.Single(DqliteSnapshot.Decode(file));

        Assert.Equal("db.bin", database.Filename);
        Assert.StartsWith("SQLite format 3\0", System.Text.Encoding.ASCII.GetString(database.Main.Span[..16]));
        Assert.Equal(0, database.Main.Length % 4096);
        Assert.True(database.Wal.Length > 32, "dqlite 1.11 keeps committed frames in the snapshot's WAL");
    }

    [Fact]
    public void Uncompressed_snapshot_decodes_the_same()
    {
        using var decoder = LZ4Stream.Decode(new MemoryStream(File0));
        using var raw = new MemoryStream();
        decoder.CopyTo(raw);

        var plain = Assert.Single(DqliteSnapshot.Decode(raw.ToArray()));
        var framed = Assert.Single(DqliteSnapshot.Decode(File0));

        Assert.Equal(framed.Main.ToArray(), plain.Main.ToArray());
        Assert.Equal(framed.Wal.ToArray(), plain.Wal.ToArray());
    }

    [Fact]
    public void Truncated_snapshot_is_refused()
    {
        var file = File0;
        var e = Assert.Throws<InvalidDataException>(() => DqliteSnapshot.Decode(file[..(file.Length / 2)]));
        Assert.Contains("LZ4", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0x7FFF_FFFFUL)]
    [InlineData(0xFFFF_FFFF_FFFF_FFFFUL)]
    public void Absurd_content_size_in_the_lz4_header_is_refused_without_allocating_it(ulong claimed)
    {
        // Found by RaftFilesFuzzTests: the frame header's content size (bytes 6..13) was trusted as a buffer size.
        var file = File0;
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(file.AsSpan(6), claimed);

        var e = Assert.Throws<InvalidDataException>(() => DqliteSnapshot.Decode(file));

        Assert.Contains("LZ4", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Lz4_frame_asking_for_a_dictionary_is_refused_as_damaged()
    {
        // Found by RaftFilesFuzzTests: the LZ4 library throws NotImplementedException for the dictionary flag.
        var file = File0;
        file[4] |= 0x01;

        var e = Assert.Throws<InvalidDataException>(() => DqliteSnapshot.Decode(file));

        Assert.Contains("LZ4", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Flipped_byte_fails_the_lz4_content_checksum_or_the_decoding()
    {
        var file = File0;
        file[file.Length / 3] ^= 0x01;
        var e = Assert.Throws<InvalidDataException>(() => DqliteSnapshot.Decode(file));
        Assert.Contains("LZ4", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Content_with_a_wrong_format_or_sizes_is_refused()
    {
        Assert.Contains("format is 2", Assert.Throws<InvalidDataException>(() => DqliteSnapshot.Decode([.. RaftBytes.U64(2), .. RaftBytes.U64(1)])).Message, StringComparison.Ordinal);
        byte[] overlong = [.. RaftBytes.U64(1), .. RaftBytes.U64(1), .. "db.bin\0\0"u8, .. RaftBytes.U64(4096), .. RaftBytes.U64(0)];
        Assert.Contains("claims 4096 + 0 bytes", Assert.Throws<InvalidDataException>(() => DqliteSnapshot.Decode(overlong)).Message, StringComparison.Ordinal);
    }
}
