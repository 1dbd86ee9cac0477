using System.Buffers.Binary;

namespace LxdScope.Lxd.Raft;

/// <summary>
/// Reads raft segment files (closed FIRST-END and open-N) batch by batch, checking both checksums.
/// </summary>
/// <remarks>
/// Layout from canonical/dqlite src/raft/uv_segment.c (uvLoadEntriesBatch, uvEncodeBatch)
/// and src/raft/uv_encoding.h: u64 format, then batches of
/// { u32 crc_header; u32 crc_data; u64 n; n x { u64 term; u8 type; u8[3]; u32 size }; payloads },
/// all little-endian, each payload padded to 8 bytes. crc_header covers n and the entry
/// headers, crc_data the payloads. Nothing here throws on bad bytes: reading stops at the
/// first batch that is not sound and the summary says why.
/// </remarks>
public static class RaftSegment
{
    private const ulong DiskFormat = 1;
    private const int PreambleSize = 16;
    private const int EntryHeaderSize = 16;

    // dqlite refuses batches claiming more entries than could fit in a full 8 MiB segment
    // (UV__MAX_SEGMENT_SIZE / 32, "entries count in preamble is too high").
    private const ulong MaxEntriesPerBatch = 8 * 1024 * 1024 / 32;

    /// <summary>
    /// Parses a whole segment held in memory. Entry payloads handed to <paramref name="onEntry"/>
    /// are slices of <paramref name="bytes"/> and may be kept.
    /// </summary>
    /// <param name="bytes">The segment file's content.</param>
    /// <param name="firstIndex">
    /// The index of the first entry: FIRST from a closed segment's name; for an open segment
    /// the previous segment's last index + 1 (raft does not store it).
    /// </param>
    /// <param name="onEntry">Called for every entry of every valid batch, in order.</param>
    public static RaftSegmentSummary Parse(ReadOnlyMemory<byte> bytes, ulong firstIndex, Action<RaftEntry>? onEntry = null) =>
        Walk(new MemorySegmentSource(bytes), firstIndex, onEntry);

    /// <summary>
    /// Reads a segment sequentially from <paramref name="stream"/>, stopping at the end of data,
    /// so a mostly-empty 8 MiB open segment is not read in full. Entry payloads handed to
    /// <paramref name="onEntry"/> are only valid during the call.
    /// </summary>
    /// <exception cref="IOException">Reading the stream failed.</exception>
    public static RaftSegmentSummary Read(Stream stream, ulong firstIndex, Action<RaftEntry>? onEntry = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return Walk(new StreamSegmentSource(stream), firstIndex, onEntry);
    }

    private static RaftSegmentSummary Walk(RaftSegmentSource source, ulong firstIndex, Action<RaftEntry>? onEntry)
    {
        var state = new RaftSegmentWalk(firstIndex);

        var head = source.Take(8).Span;
        if (head.IsEmpty)
        {
            return state.Stop(RaftSegmentEnd.Unused, "empty file");
        }

        if (head.Length < 8)
        {
            return state.Stop(RaftSegmentEnd.ShortRead, $"file has only {head.Length} bytes, less than its 8-byte format field");
        }

        state.Format = BinaryPrimitives.ReadUInt64LittleEndian(head);
        if (state.Format == 0)
        {
            // Preallocated by dqlite and never written to (uvSegmentLoadOpen removes these).
            return state.Stop(RaftSegmentEnd.Unused, "format 0: preallocated but never written");
        }

        if (state.Format != DiskFormat)
        {
            return state.Stop(RaftSegmentEnd.BadFormat, $"format is {state.Format}, expected {DiskFormat}");
        }

        state.ValidLength = 8;
        while (true)
        {
            var end = ReadBatch(source, state, onEntry);
            if (end is not null)
            {
                return end;
            }
        }
    }

    // Returns null after a good batch, or the summary once reading has to stop.
    private static RaftSegmentSummary? ReadBatch(RaftSegmentSource source, RaftSegmentWalk state, Action<RaftEntry>? onEntry)
    {
        var at = state.ValidLength;
        var preamble = source.Take(PreambleSize).Span;
        if (preamble.IsEmpty)
        {
            return state.Stop(RaftSegmentEnd.EndOfFile, $"end of file after {state.BatchCount} batches");
        }

        if (preamble.Length < PreambleSize)
        {
            return preamble.ContainsAnyExcept((byte)0)
                ? state.Stop(RaftSegmentEnd.ShortRead, $"file ends {preamble.Length} bytes into the batch header at byte {at}")
                : state.Stop(RaftSegmentEnd.ZeroBatch, $"zero padding at byte {at}");
        }

        var crcHeader = BinaryPrimitives.ReadUInt32LittleEndian(preamble);
        var crcData = BinaryPrimitives.ReadUInt32LittleEndian(preamble[4..]);
        var n = BinaryPrimitives.ReadUInt64LittleEndian(preamble[8..]);

        // The n field is the first 8 bytes covered by crc_header; keep its CRC before the
        // span is overwritten by the next Take.
        var headerCrc = LxdCrc32.Start();
        headerCrc.Append(preamble[8..]);

        if (n == 0)
        {
            return state.Stop(RaftSegmentEnd.ZeroBatch, $"batch with 0 entries at byte {at}: end of data");
        }

        if (n > MaxEntriesPerBatch)
        {
            return state.Stop(RaftSegmentEnd.BadBatch, $"batch at byte {at} claims {n} entries, more than a segment can hold");
        }

        var headersLength = (int)n * EntryHeaderSize;
        if (source.Remaining is { } left && headersLength > left)
        {
            return state.Stop(RaftSegmentEnd.ShortRead, $"file ends inside the entry headers of the batch at byte {at}");
        }

        var headers = source.Take(headersLength).Span;
        if (headers.Length < headersLength)
        {
            return state.Stop(RaftSegmentEnd.ShortRead, $"file ends inside the entry headers of the batch at byte {at}");
        }

        headerCrc.Append(headers);
        if (headerCrc.GetCurrentHashAsUInt32() != crcHeader)
        {
            return state.Stop(RaftSegmentEnd.HeaderChecksumMismatch, $"header checksum mismatch in the batch at byte {at}");
        }

        var count = (int)n;
        var terms = new ulong[count];
        var types = new RaftEntryType[count];
        var sizes = new uint[count];
        long dataLength = 0;
        for (var i = 0; i < count; i++)
        {
            var header = headers.Slice(i * EntryHeaderSize, EntryHeaderSize);
            terms[i] = BinaryPrimitives.ReadUInt64LittleEndian(header);
            var type = header[8];
            if (type is < (byte)RaftEntryType.Command or > (byte)RaftEntryType.Change)
            {
                return state.Stop(RaftSegmentEnd.BadBatch, $"entry {i + 1} of the batch at byte {at} has unknown type {type}");
            }

            types[i] = (RaftEntryType)type;
            sizes[i] = BinaryPrimitives.ReadUInt32LittleEndian(header[12..]);
            dataLength += Padded(sizes[i]);
        }

        // dqlite asserts every payload is a multiple of 8 when writing, so the padded total
        // is also what crc_data covers.
        if ((source.Remaining is { } remaining && dataLength > remaining) || dataLength > Array.MaxLength)
        {
            return state.Stop(RaftSegmentEnd.ShortRead, $"file ends inside the payloads of the batch at byte {at}");
        }

        var data = source.Take((int)dataLength);
        if (data.Length < dataLength)
        {
            return state.Stop(RaftSegmentEnd.ShortRead, $"file ends inside the payloads of the batch at byte {at}");
        }

        if (LxdCrc32.Compute(data.Span) != crcData)
        {
            return state.Stop(RaftSegmentEnd.DataChecksumMismatch, $"data checksum mismatch in the batch at byte {at}");
        }

        var offset = 0;
        for (var i = 0; i < count; i++)
        {
            var payload = data.Slice(offset, (int)sizes[i]);
            offset += (int)Padded(sizes[i]);
            state.Add(new RaftEntry(state.NextIndex, terms[i], types[i], payload), onEntry);
        }

        state.BatchCount++;
        state.ValidLength = at + PreambleSize + headersLength + dataLength;
        return null;
    }

    private static long Padded(uint size) => (size + 7L) & ~7L;
}
