using System.Buffers.Binary;
using LxdScope.Lxd.Raft;

namespace LxdScope.Lxd.Tests.Raft;

public sealed class RaftSegmentTests
{
    [Fact]
    public void ClosedBootstrapSegment()
    {
        var summary = RaftSegment.Parse(RaftFixtures.Bytes(RaftFixtures.Node1, RaftFixtures.ClosedFirst), 1);

        Assert.Equal(RaftSegmentEnd.EndOfFile, summary.End);
        Assert.Equal(1, summary.EntryCount);
        Assert.Equal(1ul, summary.LastIndex);
        Assert.Equal(1ul, summary.LastTerm);
        Assert.Equal(64, summary.ValidLength);
        Assert.Equal([new RaftServer(1, "1", RaftRole.Voter)], summary.LastConfiguration?.Servers);
    }

    [Fact]
    public void ClosedCommandSegment()
    {
        var bytes = RaftFixtures.Bytes(RaftFixtures.Node1, RaftFixtures.ClosedBig);
        var entries = new List<RaftEntry>();

        var summary = RaftSegment.Parse(bytes, 2, entries.Add);

        Assert.Equal(RaftSegmentEnd.EndOfFile, summary.End);
        Assert.Equal(1ul, summary.Format);
        Assert.Equal(20, summary.EntryCount);
        Assert.Equal(20, summary.BatchCount);
        Assert.Equal(21ul, summary.LastIndex);
        Assert.Equal(1ul, summary.LastTerm);
        Assert.Equal(bytes.Length, summary.ValidLength);
        Assert.Null(summary.LastConfiguration);
        Assert.False(summary.IsTorn);

        Assert.Equal(Enumerable.Range(2, 20).Select(i => (ulong)i), entries.Select(e => e.Index));
        Assert.All(entries, e => Assert.Equal(RaftEntryType.Command, e.Type));

        // dqlite command header: u8 format 1, u8 type; the log opens with FRAMES (2) onto "db.bin".
        Assert.All(entries, e => Assert.Equal(1, e.Payload.Span[0]));
        Assert.Equal(2, entries[0].Payload.Span[1]);
        Assert.Equal("db.bin"u8.ToArray(), entries[0].Payload.Span.Slice(8, 6).ToArray());
    }

    [Fact]
    public void OpenSegmentEndsAtTheZeroBatch()
    {
        var summary = RaftSegment.Parse(RaftFixtures.Bytes(RaftFixtures.Node1, "open-1"), 23);

        Assert.Equal(RaftSegmentEnd.ZeroBatch, summary.End);
        Assert.Equal(100, summary.EntryCount);
        Assert.Equal(122ul, summary.LastIndex);
        Assert.Equal(1ul, summary.LastTerm);
        Assert.Equal(1_144_208, summary.ValidLength);
        AssertThreeVoters(summary.LastConfiguration);
    }

    [Fact]
    public void OpenSegmentWithMultiEntryBatches()
    {
        var entries = new List<RaftEntry>();

        var summary = RaftSegment.Parse(RaftFixtures.Bytes(RaftFixtures.Node2, "open-1"), 1, entries.Add);

        Assert.Equal(RaftSegmentEnd.ZeroBatch, summary.End);
        Assert.Equal(91, summary.BatchCount);
        Assert.Equal(122, summary.EntryCount);
        Assert.Equal(Enumerable.Range(1, 122).Select(i => (ulong)i), entries.Select(e => e.Index));
        Assert.Equal(
            [1ul, 22, 26, 27, 32, 33, 36],
            entries.Where(e => e.Type == RaftEntryType.Change).Select(e => e.Index));
        AssertThreeVoters(summary.LastConfiguration);
    }

    [Fact]
    public void ReplicatedLogMatchesTheLeaderEntryForEntry()
    {
        var leader = new List<RaftEntry>();
        foreach (var (name, first) in new[] { (RaftFixtures.ClosedFirst, 1ul), (RaftFixtures.ClosedBig, 2ul), (RaftFixtures.ClosedLast, 22ul), ("open-1", 23ul) })
        {
            RaftSegment.Parse(RaftFixtures.Bytes(RaftFixtures.Node1, name), first, leader.Add);
        }

        var follower = new List<RaftEntry>();
        RaftSegment.Parse(RaftFixtures.Bytes(RaftFixtures.Node2, "open-1"), 1, follower.Add);

        Assert.Equal(leader.Count, follower.Count);
        for (var i = 0; i < leader.Count; i++)
        {
            Assert.Equal(leader[i].Index, follower[i].Index);
            Assert.Equal(leader[i].Type, follower[i].Type);
            Assert.True(leader[i].Payload.Span.SequenceEqual(follower[i].Payload.Span), $"entry {leader[i].Index}");
        }
    }

    [Fact]
    public void StreamReadStopsNearTheEndOfData()
    {
        var full = RaftFixtures.FullOpenSegment(RaftFixtures.Node1);
        using var stream = new CountingStream(new MemoryStream(full));

        var summary = RaftSegment.Read(stream, 23);

        Assert.Equal(RaftSegmentEnd.ZeroBatch, summary.End);
        Assert.Equal(122ul, summary.LastIndex);
        AssertThreeVoters(summary.LastConfiguration);
        Assert.True(stream.BytesRead < 1_200_000, $"read {stream.BytesRead} bytes of an 8 MiB segment");
    }

    [Fact]
    public void StreamAndMemoryAgree()
    {
        var bytes = RaftFixtures.Bytes(RaftFixtures.Node2, "open-1");
        var fromStream = new List<(ulong, ulong, RaftEntryType, int)>();
        var fromMemory = new List<(ulong, ulong, RaftEntryType, int)>();

        using var stream = new CountingStream(new MemoryStream(bytes), canSeek: false);
        var streamed = RaftSegment.Read(stream, 1, e => fromStream.Add((e.Index, e.Term, e.Type, e.Payload.Length)));
        var parsed = RaftSegment.Parse(bytes, 1, e => fromMemory.Add((e.Index, e.Term, e.Type, e.Payload.Length)));

        Assert.Equal(fromMemory, fromStream);
        Assert.Equal(parsed.End, streamed.End);
        Assert.Equal(parsed.ValidLength, streamed.ValidLength);
    }

    [Fact]
    public void FlippedPayloadByteIsADataChecksumMismatch()
    {
        var bytes = RaftFixtures.Bytes(RaftFixtures.Node1, RaftFixtures.ClosedBig);
        var offsets = BatchOffsets(bytes);
        var tenth = offsets[9];
        bytes[tenth + 16 + 16 + 100] ^= 0x40;

        var summary = RaftSegment.Parse(bytes, 2);

        Assert.Equal(RaftSegmentEnd.DataChecksumMismatch, summary.End);
        Assert.True(summary.IsTorn);
        Assert.Equal(9, summary.EntryCount);
        Assert.Equal(10ul, summary.LastIndex);
        Assert.Equal(tenth, summary.ValidLength);
        Assert.Contains($"byte {tenth}", summary.EndDetail, StringComparison.Ordinal);
    }

    [Fact]
    public void FlippedHeaderByteIsAHeaderChecksumMismatch()
    {
        var bytes = RaftFixtures.Bytes(RaftFixtures.Node1, RaftFixtures.ClosedBig);
        var third = BatchOffsets(bytes)[2];
        bytes[third + 16 + 12] ^= 0x01; // the entry's size field

        var summary = RaftSegment.Parse(bytes, 2);

        Assert.Equal(RaftSegmentEnd.HeaderChecksumMismatch, summary.End);
        Assert.Equal(2, summary.EntryCount);
        Assert.Equal(3ul, summary.LastIndex);
    }

    [Fact]
    public void TruncatedMidBatchIsATornTail()
    {
        var bytes = RaftFixtures.Bytes(RaftFixtures.Node1, "open-1");
        var offsets = BatchOffsets(bytes);
        var cut = offsets[50] + 1000;

        var summary = RaftSegment.Parse(bytes.AsMemory(0, cut), 23);

        Assert.Equal(RaftSegmentEnd.ShortRead, summary.End);
        Assert.True(summary.IsTorn);
        Assert.Equal(50, summary.EntryCount);
        Assert.Equal(72ul, summary.LastIndex);
        Assert.Equal(offsets[50], summary.ValidLength);
    }

    [Fact]
    public void TruncatedInsideThePreambleIsATornTail()
    {
        var bytes = RaftFixtures.Bytes(RaftFixtures.Node1, RaftFixtures.ClosedLast);
        Assert.Equal(RaftSegmentEnd.ShortRead, RaftSegment.Parse(bytes.AsMemory(0, 20), 22).End);
        Assert.Equal(RaftSegmentEnd.ShortRead, RaftSegment.Parse(bytes.AsMemory(0, 5), 22).End);
    }

    [Fact]
    public void UnusedAndBadFormats()
    {
        Assert.Equal(RaftSegmentEnd.Unused, RaftSegment.Parse(Array.Empty<byte>(), 1).End);
        Assert.Equal(RaftSegmentEnd.Unused, RaftSegment.Parse(new byte[4096], 1).End);

        var bytes = RaftFixtures.Bytes(RaftFixtures.Node1, RaftFixtures.ClosedLast);
        bytes[0] = 2;
        var summary = RaftSegment.Parse(bytes, 22);
        Assert.Equal(RaftSegmentEnd.BadFormat, summary.End);
        Assert.Equal(0, summary.EntryCount);
        Assert.Null(summary.LastIndex);
        Assert.Null(summary.LastTerm);
    }

    [Fact]
    public void AbsurdEntryCountIsRejected()
    {
        var batch = RaftBytes.Batch((1, 1, new byte[8]));
        RaftBytes.U64(1ul << 40).CopyTo(batch, 8);

        var summary = RaftSegment.Parse(RaftBytes.Segment([batch]), 1);

        Assert.Equal(RaftSegmentEnd.BadBatch, summary.End);
        Assert.Contains("claims", summary.EndDetail, StringComparison.Ordinal);
    }

    [Fact]
    public void AbsurdPayloadSizeIsAShortReadWithoutAllocation()
    {
        // A header whose checksum is right but whose size field is 4 GiB.
        var header = new List<byte>();
        header.AddRange(RaftBytes.U64(1));
        header.AddRange(RaftBytes.U64(1));
        header.AddRange([1, 0, 0, 0]);
        header.AddRange(RaftBytes.U32(uint.MaxValue));
        var batch = new List<byte>();
        batch.AddRange(RaftBytes.U32(ReferenceCrc32.Compute([.. header])));
        batch.AddRange(RaftBytes.U32(0));
        batch.AddRange(header);
        batch.AddRange(new byte[64]);
        var segment = RaftBytes.Segment([[.. batch]]);

        Assert.Equal(RaftSegmentEnd.ShortRead, RaftSegment.Parse(segment, 1).End);

        using var stream = new CountingStream(new MemoryStream(segment), canSeek: false);
        var before = GC.GetAllocatedBytesForCurrentThread();
        Assert.Equal(RaftSegmentEnd.ShortRead, RaftSegment.Read(stream, 1).End);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 16 * 1024 * 1024);
    }

    [Fact]
    public void UnknownEntryTypeIsABadBatch()
    {
        var segment = RaftBytes.Segment([RaftBytes.Batch((1, 1, new byte[8])), RaftBytes.Batch((1, 9, new byte[8]))]);

        var summary = RaftSegment.Parse(segment, 5);

        Assert.Equal(RaftSegmentEnd.BadBatch, summary.End);
        Assert.Equal(5ul, summary.LastIndex);
    }

    [Fact]
    public void BarrierAndUnpaddedPayloadsAreHandled()
    {
        var entries = new List<RaftEntry>();
        var segment = RaftBytes.Segment(
            [RaftBytes.Batch((4, 2, []), (4, 1, [1, 2, 3])), RaftBytes.Batch((5, 1, new byte[16]))],
            zeroTail: true);

        var summary = RaftSegment.Parse(segment, 10, entries.Add);

        Assert.Equal(RaftSegmentEnd.ZeroBatch, summary.End);
        Assert.Equal([RaftEntryType.Barrier, RaftEntryType.Command, RaftEntryType.Command], entries.Select(e => e.Type));
        Assert.Equal([0, 3, 16], entries.Select(e => e.Payload.Length));
        Assert.Equal(12ul, summary.LastIndex);
        Assert.Equal(5ul, summary.LastTerm);
    }

    [Fact]
    public void BadConfigurationPayloadIsReportedButReadingGoesOn()
    {
        var segment = RaftBytes.Segment(
            [RaftBytes.Batch((1, 3, RaftBytes.Configuration((1, "a", 1)))), RaftBytes.Batch((1, 3, [9, 9, 9, 9, 9, 9, 9, 9, 9, 9])), RaftBytes.Batch((1, 1, new byte[8]))]);

        var summary = RaftSegment.Parse(segment, 1);

        Assert.Equal(RaftSegmentEnd.EndOfFile, summary.End);
        Assert.Equal(3, summary.EntryCount);
        Assert.Equal(1ul, summary.LastConfiguration?.Index);
        Assert.Contains("configuration entry 2", summary.ConfigurationError, StringComparison.Ordinal);
    }

    [Fact]
    public void RandomMutationsNeverThrow()
    {
        // Real bytes: the first five batches of node1's open-1 (commands and two
        // configuration changes), then the zero batch header.
        var open = RaftFixtures.Bytes(RaftFixtures.Node1, "open-1");
        var end = BatchOffsets(open)[5];
        var seeds = new[]
        {
            (Bytes: (byte[])[.. open.AsSpan(0, end), .. new byte[16]], First: 23ul),
            (Bytes: RaftFixtures.Bytes(RaftFixtures.Node1, RaftFixtures.ClosedFirst), First: 1ul),
            (Bytes: RaftFixtures.Bytes(RaftFixtures.Node1, RaftFixtures.ClosedLast), First: 22ul),
        };
        var original = RaftSegment.Parse(seeds[0].Bytes, seeds[0].First);
        Assert.Equal(5, original.EntryCount);

        var random = new Random(20261128);
        ulong[] extremes = [0, 1, 0xFF, 0xFFFF_FFFF, 0x8000_0000_0000_0000, ulong.MaxValue, 262_144, 262_145];
        for (var round = 0; round < 20_000; round++)
        {
            var (seed, first) = seeds[round % 5 == 0 ? 1 + (round / 5 % 2) : 0];
            var bytes = Mutate(seed, random, extremes);
            var summary = round % 10 == 0
                ? RaftSegment.Read(new CountingStream(new MemoryStream(bytes), canSeek: round % 20 == 0), first, _ => { })
                : RaftSegment.Parse(bytes, first, _ => { });

            Assert.InRange(summary.ValidLength, 0, bytes.Length);
            Assert.True(summary.EntryCount <= 64, $"round {round}: {summary.EntryCount} entries");
        }
    }

    private static byte[] Mutate(byte[] seed, Random random, ulong[] extremes)
    {
        var bytes = (byte[])seed.Clone();
        switch (random.Next(4))
        {
            case 0:
                for (var i = random.Next(1, 9); i > 0; i--)
                {
                    bytes[random.Next(bytes.Length)] ^= (byte)random.Next(1, 256);
                }

                return bytes;
            case 1:
                return bytes[..random.Next(bytes.Length)];
            case 2:
                // Overwrite an aligned u64 or u32 field (format, n, term, size, ...) with an extreme value.
                var at = random.Next(bytes.Length / 4) * 4;
                var value = extremes[random.Next(extremes.Length)];
                if (at + 8 <= bytes.Length && random.Next(2) == 0)
                {
                    BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(at), value);
                }
                else if (at + 4 <= bytes.Length)
                {
                    BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(at), (uint)value);
                }

                return bytes;
            default:
                var noise = new byte[random.Next(1, 64)];
                random.NextBytes(noise);
                var position = random.Next(bytes.Length);
                return [.. bytes.AsSpan(0, position), .. noise, .. bytes.AsSpan(position)];
        }
    }

    // Byte offsets of every batch, walked from the documented layout.
    private static List<int> BatchOffsets(byte[] segment)
    {
        var offsets = new List<int>();
        var at = 8;
        while (at + 16 <= segment.Length)
        {
            var n = (int)BinaryPrimitives.ReadUInt64LittleEndian(segment.AsSpan(at + 8));
            if (n == 0)
            {
                break;
            }

            offsets.Add(at);
            var data = 0;
            for (var i = 0; i < n; i++)
            {
                var size = (int)BinaryPrimitives.ReadUInt32LittleEndian(segment.AsSpan(at + 16 + (i * 16) + 12));
                data += (size + 7) & ~7;
            }

            at += 16 + (n * 16) + data;
        }

        return offsets;
    }

    private static void AssertThreeVoters(RaftConfiguration? configuration)
    {
        Assert.NotNull(configuration);
        Assert.Equal(36ul, configuration.Index);
        Assert.Equal(
            [
                new RaftServer(1, "127.0.0.1:8443", RaftRole.Voter),
                new RaftServer(2, "127.0.0.2:8443", RaftRole.Voter),
                new RaftServer(3, "127.0.0.3:8443", RaftRole.Voter),
            ],
            configuration.Servers);
    }
}
