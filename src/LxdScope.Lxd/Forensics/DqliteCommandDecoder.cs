using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace LxdScope.Lxd.Forensics;

/// <summary>Decodes the payload of a RAFT_COMMAND entry into a dqlite FSM command.</summary>
/// <remarks>
/// Layout from canonical/dqlite src/command.{h,c} and src/lib/serialize.h (v1.11, the version
/// Debian's LXD 5.0.2 links), all little-endian:
/// <code>
/// header:     u8 format=1 | u8 type | u8 | u8 | u32            (8 bytes)
/// OPEN:       text filename
/// FRAMES:     text filename | u64 tx_id | u32 truncate | u8 is_commit | u8 | u16
///             | u32 n_pages | u16 page_size | u16 | n_pages x u64 page_no | n_pages x page
/// UNDO:       u64 tx_id
/// CHECKPOINT: text filename
/// text = bytes + NUL, padded with zeros to a multiple of 8.
/// </code>
/// Never throws on bad bytes: the error says what is wrong.
/// </remarks>
public static class DqliteCommandDecoder
{
    private const byte Format = 1;
    private const int HeaderSize = 8;

    /// <summary>Decodes <paramref name="payload"/>. The frames' pages are slices of it.</summary>
    public static bool TryDecode(
        ReadOnlyMemory<byte> payload,
        [NotNullWhen(true)] out DqliteCommand? command,
        [NotNullWhen(false)] out string? error)
    {
        command = null;
        var span = payload.Span;
        if (span.Length < HeaderSize)
        {
            error = $"command is {span.Length} bytes, shorter than its {HeaderSize}-byte header";
            return false;
        }

        if (span[0] != Format)
        {
            error = $"command format is {span[0]}, expected {Format}";
            return false;
        }

        var type = span[1];
        var at = HeaderSize;
        switch (type)
        {
            case (byte)DqliteCommandType.Open:
            case (byte)DqliteCommandType.Checkpoint:
                if (!TryText(span, ref at, out var name, out error))
                {
                    return false;
                }

                command = new DqliteCommand((DqliteCommandType)type, name, 0, null);
                return true;

            case (byte)DqliteCommandType.Undo:
                if (span.Length < at + 8)
                {
                    error = "undo command is cut short";
                    return false;
                }

                command = new DqliteCommand(DqliteCommandType.Undo, "", BinaryPrimitives.ReadUInt64LittleEndian(span[at..]), null);
                error = null;
                return true;

            case (byte)DqliteCommandType.Frames:
                return TryFrames(payload, at, out command, out error);

            default:
                error = $"unknown command type {type}";
                return false;
        }
    }

    private static bool TryFrames(ReadOnlyMemory<byte> payload, int at, [NotNullWhen(true)] out DqliteCommand? command, [NotNullWhen(false)] out string? error)
    {
        command = null;
        var span = payload.Span;
        if (!TryText(span, ref at, out var filename, out error))
        {
            return false;
        }

        // tx_id, truncate, is_commit + 3 unused bytes, n_pages, page_size + 2 unused bytes.
        if (span.Length < at + 24)
        {
            error = "frames command is cut short in its header";
            return false;
        }

        var txId = BinaryPrimitives.ReadUInt64LittleEndian(span[at..]);
        var truncate = BinaryPrimitives.ReadUInt32LittleEndian(span[(at + 8)..]);
        var isCommit = span[at + 12];
        var count = BinaryPrimitives.ReadUInt32LittleEndian(span[(at + 16)..]);
        var pageSize = (int)BinaryPrimitives.ReadUInt16LittleEndian(span[(at + 20)..]);
        at += 24;

        if (isCommit > 1)
        {
            error = $"frames command has is_commit {isCommit}";
            return false;
        }

        if (pageSize < 512 || (pageSize & (pageSize - 1)) != 0)
        {
            error = $"frames command has page size {pageSize}, not a power of two from 512";
            return false;
        }

        if (count == 0)
        {
            error = "frames command holds no pages";
            return false;
        }

        var needed = (long)count * (8 + pageSize);
        if (span.Length - at < needed)
        {
            error = $"frames command claims {count} pages of {pageSize} bytes but holds only {span.Length - at} bytes for them";
            return false;
        }

        var numbers = new uint[count];
        for (var i = 0; i < count; i++)
        {
            var number = BinaryPrimitives.ReadUInt64LittleEndian(span[(at + (i * 8))..]);
            if (number == 0 || number > uint.MaxValue)
            {
                error = $"frames command has page number {number}";
                return false;
            }

            numbers[i] = (uint)number;
        }

        at += (int)count * 8;
        var frames = new DqliteFrames(isCommit == 1, truncate, pageSize, numbers, payload.Slice(at, (int)count * pageSize));
        command = new DqliteCommand(DqliteCommandType.Frames, filename, txId, frames);
        error = null;
        return true;
    }

    private static bool TryText(ReadOnlySpan<byte> span, ref int at, out string text, [NotNullWhen(false)] out string? error)
    {
        text = "";
        var nul = span[at..].IndexOf((byte)0);
        if (nul < 0)
        {
            error = "file name is not NUL-terminated";
            return false;
        }

        text = Encoding.UTF8.GetString(span.Slice(at, nul));
        at += (nul + 1 + 7) & ~7;
        if (at > span.Length)
        {
            error = "file name padding runs past the end";
            return false;
        }

        error = null;
        return true;
    }
}
