using System.Buffers.Binary;
using System.Text;
using LxdScope.Lxd.Raft;

namespace LxdScope.Lxd.Tests.Raft;

public sealed class LxdCrc32Tests
{
    [Fact]
    public void KnownVector()
    {
        // "123456789" with init 0 and no final xor; computed with a separate bitwise script.
        Assert.Equal(0x89A1897Fu, LxdCrc32.Compute("123456789"u8));
        Assert.Equal(0x89A1897Fu, ReferenceCrc32.Compute("123456789"u8));
    }

    [Fact]
    public void IsNotTheReflectedIeeeVariant()
    {
        // CRC-32/ISO-HDLC (System.IO.Hashing.Crc32) of the same input.
        Assert.NotEqual(0xCBF43926u, LxdCrc32.Compute("123456789"u8));
    }

    [Fact]
    public void EmptyInputIsZero()
    {
        Assert.Equal(0u, LxdCrc32.Compute([]));
        Assert.Equal(0u, LxdCrc32.Start().GetCurrentHashAsUInt32());
    }

    [Fact]
    public void MatchesTheBitwiseReferenceOnRandomData()
    {
        var random = new Random(42);
        // Past 64 bytes System.IO.Hashing folds with carry-less multiplies: lengths on both sides of it.
        for (var length = 0; length < 3000; length += 7)
        {
            var data = new byte[length];
            random.NextBytes(data);
            Assert.Equal(ReferenceCrc32.Compute(data), LxdCrc32.Compute(data));
        }
    }

    [Fact]
    public void CanBeContinued()
    {
        var data = Encoding.ASCII.GetBytes("the quick brown fox jumps over the lazy dog");
        var whole = LxdCrc32.Compute(data);
        var split = LxdCrc32.Start();
        split.Append(data.AsSpan(0, 17));
        split.Append(data.AsSpan(17));
        Assert.Equal(whole, split.GetCurrentHashAsUInt32());
    }

    [Fact]
    public void MatchesTheChecksumsStoredInARealBatch()
    {
        // Segment 22-22: u64 format, then one batch of one RAFT_CHANGE entry.
        var segment = RaftFixtures.Bytes(RaftFixtures.Node1, RaftFixtures.ClosedLast);
        var storedHeaderCrc = BinaryPrimitives.ReadUInt32LittleEndian(segment.AsSpan(8));
        var storedDataCrc = BinaryPrimitives.ReadUInt32LittleEndian(segment.AsSpan(12));
        var header = segment.AsSpan(16, 8 + 16);
        var payload = segment.AsSpan(16 + 8 + 16);

        Assert.Equal(storedHeaderCrc, LxdCrc32.Compute(header));
        Assert.Equal(storedDataCrc, LxdCrc32.Compute(payload));
        Assert.Equal(storedHeaderCrc, ReferenceCrc32.Compute(header));
    }
}
