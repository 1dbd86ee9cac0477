using System.IO.Hashing;

namespace LxdScope.Lxd.Raft;

/// <summary>
/// The CRC32 that raft stores in segment batches and snapshot .meta files.
/// </summary>
/// <remarks>
/// This is the libiberty table in canonical/dqlite src/raft/byte.c (byteCrc32):
/// polynomial 0x04C11DB7, processed MSB-first, not reflected, initial value 0 and
/// no final xor — not the reflected IEEE variant of <see cref="Crc32.HashToUInt32(ReadOnlySpan{byte})"/>,
/// but System.IO.Hashing computes it from those parameters, with the processor's carry-less
/// multiply: inspect checks every segment on each run, megabytes of them.
/// </remarks>
internal static class LxdCrc32
{
    private static readonly Crc32ParameterSet Parameters = Crc32ParameterSet.Create(0x04C11DB7, 0, 0, reflectValues: false);

    public static uint Compute(ReadOnlySpan<byte> data) => Crc32.HashToUInt32(Parameters, data);

    /// <summary>A CRC to append pieces to one after the other (<see cref="Crc32.GetCurrentHashAsUInt32"/> reads it).</summary>
    public static Crc32 Start() => new(Parameters);
}
