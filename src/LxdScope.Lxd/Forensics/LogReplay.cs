using System.Globalization;
using LxdScope.Lxd.Raft;

namespace LxdScope.Lxd.Forensics;

/// <summary>
/// Replays the dqlite commands of a raft log onto a <see cref="PageImage"/>, in index order,
/// from just after a starting point to a target index, stopping at the first entry that is
/// missing, unreadable or does not decode.
/// </summary>
/// <remarks>
/// What dqlite's FSM does with each command (canonical/dqlite src/fsm.c, v1.11): FRAMES with
/// is_commit appends the pages (and any held ones) to the WAL; FRAMES without it holds the
/// pages until a committing FRAMES or an UNDO; OPEN and CHECKPOINT change no content. Laying
/// each committed page over the database is what a checkpoint of that WAL gives.
/// </remarks>
internal sealed class LogReplay(
    RaftDirectoryState state, PageImage image, ulong startIndex, ulong startTerm, ulong target, CancellationToken ct, IReplayObserver? observer = null)
{
    private readonly List<(uint Number, byte[] Page)> _held = [];
    private readonly List<string> _warnings = [];
    private ulong _heldTx;
    private bool _foreignNamed;
    private bool _appliedFromLog;

    public ulong Next { get; private set; } = startIndex + 1;

    public ulong LastTerm { get; private set; } = startTerm;

    public long Entries { get; private set; }

    public long Transactions { get; private set; }

    /// <summary>Why replay stopped before the target, or null if it reached it.</summary>
    public string? StopReason { get; private set; }

    /// <summary>A segment torn at its end (normal for the newest open segment) ended the replay.</summary>
    public bool EndedAtTornTail { get; private set; }

    public IReadOnlyList<string> Warnings => _warnings;

    public ulong Reached => Next - 1;

    public void Run()
    {
        foreach (var segment in state.Segments)
        {
            ct.ThrowIfCancellationRequested();
            if (Next > target || segment.Health == RaftSegmentHealth.Unused)
            {
                continue;
            }

            if (segment.Summary is not { } summary)
            {
                StopReason = $"segment {segment.FileName} cannot be read";
                return;
            }

            if (summary.LastIndex is { } segmentLast && segmentLast >= Next)
            {
                if (segment.FirstIndex > Next)
                {
                    StopReason = $"entries {Next} to {segment.FirstIndex - 1} are missing (the next segment, {segment.FileName}, starts at {segment.FirstIndex})";
                    return;
                }

                if (segment.FirstIndex < Next && _appliedFromLog)
                {
                    StopReason = $"segment {segment.FileName} overlaps the previous one (it starts at {segment.FirstIndex}, entries up to {Next - 1} were already read): which copy of those entries is right cannot be told";
                    return;
                }

                if (!ReplaySegment(segment, Math.Min(segmentLast, target)))
                {
                    return;
                }
            }

            if (Next <= target && segment.Health is RaftSegmentHealth.Corrupt or RaftSegmentHealth.TornTail)
            {
                StopReason = $"segment {segment.FileName} is damaged after entry {summary.LastIndex?.ToString(CultureInfo.InvariantCulture) ?? "(none)"}: {summary.EndDetail}";
                EndedAtTornTail = segment.Health == RaftSegmentHealth.TornTail && !HasLaterBatch(segment, summary);
                return;
            }
        }

        if (_held.Count > 0)
        {
            _warnings.Add($"transaction {_heldTx} was still open at index {Reached} ({_held.Count} pages held); it is not in the database");
        }
    }

    private bool HasLaterBatch(RaftSegmentFile segment, RaftSegmentSummary summary)
    {
        long? later;
        try
        {
            later = TornTailCheck.FindLaterBatch(Path.Combine(state.Directory, segment.FileName), summary.ValidLength);
        }
        catch (Exception e) when (RaftFileAccess.IsVanished(e) || RaftFileAccess.IsReadFailure(e))
        {
            StopReason += $"; the segment could not be read again to tell a torn tail from damage ({e.Message})";
            return true;
        }

        if (later is { } at)
        {
            StopReason += $"; sound batches follow at byte {at}, so this is damage, not a torn tail: the entries after it are lost";
            return true;
        }

        return false;
    }

    private bool ReplaySegment(RaftSegmentFile segment, ulong last)
    {
        RaftSegmentSummary reread;
        try
        {
            using var stream = RaftFileAccess.OpenShared(Path.Combine(state.Directory, segment.FileName));
            reread = RaftSegment.Read(stream, segment.FirstIndex, e => Apply(e, last));
        }
        catch (ReplayStopException stop)
        {
            StopReason = stop.Message;
            return false;
        }
        catch (Exception e) when (RaftFileAccess.IsVanished(e) || RaftFileAccess.IsReadFailure(e))
        {
            StopReason = $"segment {segment.FileName} could not be read again ({e.Message}); LXD may have changed the directory: copy it first";
            return false;
        }

        if (Next <= last)
        {
            StopReason = $"segment {segment.FileName} changed while being read (it now ends at {reread.LastIndex?.ToString() ?? "nothing"}); copy the directory first";
            return false;
        }

        return true;
    }

    private void Apply(RaftEntry entry, ulong last)
    {
        if (entry.Index < Next || entry.Index > last)
        {
            return;
        }

        ct.ThrowIfCancellationRequested();
        if (entry.Type == RaftEntryType.Command)
        {
            ApplyCommand(entry);
        }
        else
        {
            observer?.Entry(entry, null);
        }

        Next = entry.Index + 1;
        LastTerm = entry.Term;
        Entries++;
        _appliedFromLog = true;
    }

    private void ApplyCommand(RaftEntry entry)
    {
        if (!DqliteCommandDecoder.TryDecode(entry.Payload, out var command, out var error))
        {
            throw new ReplayStopException($"entry {entry.Index} (term {entry.Term}) passes its checksum but is not a dqlite command this reader knows: {error}");
        }

        observer?.Entry(entry, command);

        if (command.Type == DqliteCommandType.Undo)
        {
            _held.Clear();
            return;
        }

        if (command.Frames is not { } frames)
        {
            return;
        }

        if (command.Filename != GlobalRebuild.DatabaseName)
        {
            if (!_foreignNamed)
            {
                _warnings.Add($"entry {entry.Index} writes to database \"{command.Filename}\", not {GlobalRebuild.DatabaseName}; such entries are left out");
                _foreignNamed = true;
            }

            return;
        }

        try
        {
            image.UsePageSize(frames.PageSize, $"entry {entry.Index}");
        }
        catch (InvalidDataException e)
        {
            throw new ReplayStopException(e.Message);
        }

        if (!frames.IsCommit)
        {
            _heldTx = command.TxId;
            for (var i = 0; i < frames.PageNumbers.Count; i++)
            {
                _held.Add((frames.PageNumbers[i], frames.Page(i).ToArray()));
            }

            return;
        }

        observer?.Committing(entry, _held.Select(h => h.Number).Concat(frames.PageNumbers));
        foreach (var (number, page) in _held)
        {
            image.Put(number, page);
        }

        _held.Clear();
        for (var i = 0; i < frames.PageNumbers.Count; i++)
        {
            image.Put(frames.PageNumbers[i], frames.Page(i));
        }

        Transactions++;
        observer?.Committed(entry);
    }
}
