using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;

namespace LxdScope.Lxd.Raft;

/// <summary>A raft snapshot: the data file snapshot-TERM-INDEX-TIMESTAMP and its .meta.</summary>
/// <param name="FileName">The data file's name (without ".meta").</param>
/// <param name="Term">The term of the last entry the snapshot covers.</param>
/// <param name="Index">The index of the last entry the snapshot covers.</param>
/// <param name="ClockMilliseconds">
/// The TIMESTAMP from the name: libuv's monotonic clock (uv_now) in milliseconds, not a wall
/// clock time. Only useful to order snapshots with the same term and index.
/// </param>
/// <param name="Modified">The data file's modification time (the .meta's if the data file is missing).</param>
/// <param name="Size">The data file's size in bytes, 0 if it is missing.</param>
/// <param name="Configuration">The configuration from the .meta, or null if it is missing or bad.</param>
/// <param name="Problem">Why raft would not use this snapshot, or null if it would.</param>
public sealed record RaftSnapshotInfo(
    string FileName,
    ulong Term,
    ulong Index,
    ulong ClockMilliseconds,
    DateTimeOffset Modified,
    long Size,
    RaftConfiguration? Configuration,
    string? Problem)
{
    // .meta layout from canonical/dqlite src/raft/uv_snapshot.c (uvSnapshotLoadMeta):
    // u64 format=1; u64 crc (low 32 bits); u64 configuration_index; u64 conf_len; conf.
    // The CRC covers configuration_index, conf_len and the encoded configuration.
    private const int MetaHeaderSize = 32;
    private const ulong DiskFormat = 1;

    // UV__META_MAX_CONFIGURATION_SIZE: raft rejects anything larger as corrupt.
    private const ulong MaxConfigurationSize = 1024 * 1024;

    /// <summary>Whether raft would load this snapshot: it has a data file and a sound .meta.</summary>
    public bool IsUsable => Problem is null;

    /// <summary>Decodes the content of a snapshot .meta file. Never throws on bad bytes.</summary>
    public static bool TryDecodeMeta(
        ReadOnlySpan<byte> bytes,
        [NotNullWhen(true)] out RaftConfiguration? configuration,
        [NotNullWhen(false)] out string? error)
    {
        configuration = null;
        if (bytes.Length < MetaHeaderSize)
        {
            error = $".meta is {bytes.Length} bytes, shorter than its {MetaHeaderSize}-byte header";
            return false;
        }

        var format = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        if (format != DiskFormat)
        {
            error = $".meta format is {format}, expected {DiskFormat}";
            return false;
        }

        var storedCrc = (uint)BinaryPrimitives.ReadUInt64LittleEndian(bytes[8..]);
        var configurationIndex = BinaryPrimitives.ReadUInt64LittleEndian(bytes[16..]);
        var length = BinaryPrimitives.ReadUInt64LittleEndian(bytes[24..]);
        if (length == 0 || length > MaxConfigurationSize)
        {
            error = $".meta configuration length {length} is out of range";
            return false;
        }

        if (length > (ulong)(bytes.Length - MetaHeaderSize))
        {
            error = $".meta claims a {length}-byte configuration but only {bytes.Length - MetaHeaderSize} bytes follow";
            return false;
        }

        var encoded = bytes.Slice(MetaHeaderSize, (int)length);
        var crc = LxdCrc32.Start();
        crc.Append(bytes[16..MetaHeaderSize]);
        crc.Append(encoded);
        if (crc.GetCurrentHashAsUInt32() != storedCrc)
        {
            error = ".meta checksum mismatch";
            return false;
        }

        if (!RaftConfiguration.TryDecode(encoded, configurationIndex, out configuration, out var decodeError))
        {
            error = ".meta " + decodeError;
            return false;
        }

        error = null;
        return true;
    }
}
