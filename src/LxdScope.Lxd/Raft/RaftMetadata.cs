using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;

namespace LxdScope.Lxd.Raft;

/// <summary>The raft term and vote that a member persisted in metadata1 or metadata2.</summary>
/// <param name="Version">Write counter; the file with the higher version is the current one.</param>
/// <param name="Term">The member's current term.</param>
/// <param name="VotedFor">The raft id it voted for in that term, 0 if none.</param>
public sealed record RaftMetadata(ulong Version, ulong Term, ulong VotedFor)
{
    // Layout and rules from canonical/dqlite src/raft/uv_metadata.c:
    // four little-endian u64 values [format=1][version][term][voted_for]. A shorter file
    // is an interrupted write and counts as absent; a longer one is corrupt.

    /// <summary>The exact size of a metadata file.</summary>
    public const int FileSize = 32;

    private const ulong DiskFormat = 1;

    /// <summary>
    /// Parses the 32 bytes of a metadata file. Never throws on bad bytes.
    /// </summary>
    public static bool TryParse(
        ReadOnlySpan<byte> bytes,
        [NotNullWhen(true)] out RaftMetadata? metadata,
        [NotNullWhen(false)] out string? error)
    {
        metadata = null;
        if (bytes.Length < FileSize)
        {
            error = $"{bytes.Length} bytes instead of {FileSize}: an interrupted write, which raft treats as unwritten";
            return false;
        }

        if (bytes.Length > FileSize)
        {
            error = $"{bytes.Length} bytes instead of {FileSize}";
            return false;
        }

        var format = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        if (format != DiskFormat)
        {
            error = $"format is {format}, expected {DiskFormat}";
            return false;
        }

        var version = BinaryPrimitives.ReadUInt64LittleEndian(bytes[8..]);
        if (version == 0)
        {
            error = "version is 0, which raft rejects";
            return false;
        }

        metadata = new RaftMetadata(
            version,
            BinaryPrimitives.ReadUInt64LittleEndian(bytes[16..]),
            BinaryPrimitives.ReadUInt64LittleEndian(bytes[24..]));
        error = null;
        return true;
    }

    /// <summary>
    /// Reads metadata1 and metadata2 in <paramref name="globalDir"/> and picks the current one
    /// the way raft does (uvMetadataLoad). Never throws for missing or bad files.
    /// </summary>
    public static RaftMetadataReading ReadCurrent(string globalDir)
    {
        ArgumentNullException.ThrowIfNull(globalDir);
        var problems = new List<RaftProblem>();
        var first = ReadOne(globalDir, "metadata1", problems);
        var second = ReadOne(globalDir, "metadata2", problems);

        RaftMetadata? current;
        if (first is null && second is null)
        {
            problems.Add(RaftProblem.Error("neither metadata1 nor metadata2 holds valid metadata: the member's term and vote are unknown"));
            current = null;
        }
        else if (first is not null && second is not null && first.Version == second.Version)
        {
            problems.Add(RaftProblem.Error($"metadata1 and metadata2 are both at version {first.Version}: raft reports this as corruption and will not start"));
            current = null;
        }
        else if (second is null || (first is not null && first.Version > second.Version))
        {
            current = first;
        }
        else
        {
            current = second;
        }

        return new RaftMetadataReading(current, problems);
    }

    private static RaftMetadata? ReadOne(string globalDir, string name, List<RaftProblem> problems)
    {
        byte[] bytes;
        long length;
        try
        {
            bytes = RaftFileAccess.ReadPrefix(Path.Combine(globalDir, name), FileSize, out length);
        }
        catch (Exception e) when (RaftFileAccess.IsVanished(e))
        {
            return null;
        }
        catch (Exception e) when (RaftFileAccess.IsReadFailure(e))
        {
            problems.Add(RaftProblem.Error($"cannot read {name}: {e.Message}"));
            return null;
        }

        if (length > FileSize)
        {
            problems.Add(RaftProblem.Error($"{name} is invalid: {length} bytes instead of {FileSize}"));
            return null;
        }

        if (TryParse(bytes, out var metadata, out var error))
        {
            return metadata;
        }

        problems.Add(bytes.Length < FileSize
            ? RaftProblem.Note($"{name} has {error}")
            : RaftProblem.Error($"{name} is invalid: {error}"));
        return null;
    }
}
