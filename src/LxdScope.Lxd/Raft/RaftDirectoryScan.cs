using System.Globalization;

namespace LxdScope.Lxd.Raft;

/// <summary>One attempt at reading a raft directory; see <see cref="RaftDirectory.Read(string)"/>.</summary>
/// <remarks>
/// The ordering and consistency rules follow canonical/dqlite src/raft/uv.c
/// (uvLoadSnapshotAndEntries, uvFilterSegments) and src/raft/uv_segment.c
/// (uvSegmentLoadAll): closed segments are chained by index, the first open segment
/// continues after the last closed one (or after the snapshot, or at 1), and only the
/// newest open segment may end in a torn batch.
/// </remarks>
internal sealed class RaftDirectoryScan(string directory, DateTimeOffset now, bool isFinalAttempt, Action<string>? beforeOpen)
{
    // A .meta holds a 32-byte header and at most 1 MiB of configuration.
    private const int MaxMetaSize = 32 + (1024 * 1024);

    private readonly List<RaftProblem> _problems = [];
    private bool _raced;
    private long _bytesRead;

    /// <summary>Bytes this attempt consumed from the files (the kernel's read-ahead not counted).</summary>
    public long BytesRead => _bytesRead;

    /// <summary>Returns the state, or null when a file vanished and another attempt should be made.</summary>
    public RaftDirectoryState? Run()
    {
        if (!Directory.Exists(directory))
        {
            return Missing();
        }

        List<string> names;
        try
        {
            names = Directory.EnumerateFiles(directory).Select(p => Path.GetFileName(p)).ToList();
        }
        catch (Exception e) when (RaftFileAccess.IsVanished(e))
        {
            return isFinalAttempt ? Missing() : null;
        }
        catch (Exception e) when (RaftFileAccess.IsReadFailure(e))
        {
            _problems.Add(RaftProblem.Error($"cannot list {directory}: {e.Message}"));
            return Build(null, [], [], null, null);
        }

        if (names.Contains("logs.db"))
        {
            _problems.Add(RaftProblem.Warning("logs.db is a pre-dqlite-1.0 raft log (hashicorp raft with BoltDB, LXD 3.0-3.14), which this reader does not decode: the raft term and index are unknown"));
            if (!names.Contains("metadata1") && !names.Contains("metadata2"))
            {
                return Build(null, [], [], null, null); // that layout has no dqlite metadata to miss
            }
        }

        var metadata = RaftMetadata.ReadCurrent(directory);
        _bytesRead += names.Count(n => n is "metadata1" or "metadata2") * RaftMetadata.FileSize;
        _problems.AddRange(metadata.Problems);

        var snapshots = ReadSnapshots(names);
        var newestSnapshot = snapshots.LastOrDefault(s => s.IsUsable);
        var segments = ReadSegments(names, newestSnapshot);
        var (staleModified, staleAge) = StaleDump();

        if (_raced && !isFinalAttempt)
        {
            return null;
        }

        return Build(metadata.Current, segments, snapshots, staleModified, staleAge);
    }

    private RaftDirectoryState Missing()
    {
        _problems.Add(RaftProblem.Error($"no raft directory at {directory}"));
        return new RaftDirectoryState(
            directory, false, null, [], [], default, RaftPositionSource.None, null, null, null, _problems);
    }

    private RaftDirectoryState Build(
        RaftMetadata? metadata,
        IReadOnlyList<RaftSegmentFile> segments,
        IReadOnlyList<RaftSnapshotInfo> snapshots,
        DateTimeOffset? staleModified,
        TimeSpan? staleAge)
    {
        var snapshot = snapshots.LastOrDefault(s => s.IsUsable);
        var (position, source) = Position(metadata, segments, snapshot);
        var configuration = LatestConfiguration(segments, snapshot);
        return new RaftDirectoryState(
            directory, true, metadata, segments, snapshots, position, source, configuration, staleModified, staleAge, _problems)
        {
            BytesRead = _bytesRead,
        };
    }

    private (RaftPosition Position, RaftPositionSource Source) Position(
        RaftMetadata? metadata, IReadOnlyList<RaftSegmentFile> segments, RaftSnapshotInfo? snapshot)
    {
        var last = segments.LastOrDefault(s => s.Summary is { EntryCount: > 0 })?.Summary;
        if (last is { LastIndex: { } lastIndex, LastTerm: { } lastTerm })
        {
            if (snapshot is null || lastIndex >= snapshot.Index)
            {
                return (new RaftPosition(lastTerm, lastIndex), RaftPositionSource.Log);
            }

            _problems.Add(RaftProblem.Error(
                $"the last entry on disk has index {lastIndex}, behind snapshot {snapshot.FileName}: raft refuses to start"));
        }

        if (snapshot is not null)
        {
            return (new RaftPosition(snapshot.Term, snapshot.Index), RaftPositionSource.Snapshot);
        }

        return metadata is not null
            ? (new RaftPosition(metadata.Term, 0), RaftPositionSource.Metadata)
            : (default, RaftPositionSource.None);
    }

    private static RaftConfiguration? LatestConfiguration(IReadOnlyList<RaftSegmentFile> segments, RaftSnapshotInfo? snapshot)
    {
        var fromLog = segments.Select(s => s.Summary?.LastConfiguration).LastOrDefault(c => c is not null);
        var fromSnapshot = snapshot?.Configuration;
        if (fromLog is null)
        {
            return fromSnapshot;
        }

        return fromSnapshot is not null && fromSnapshot.Index > fromLog.Index ? fromSnapshot : fromLog;
    }

    private List<RaftSnapshotInfo> ReadSnapshots(List<string> names)
    {
        var keys = new SortedSet<(ulong Term, ulong Index, ulong Clock)>();
        foreach (var name in names)
        {
            if (RaftFileNames.TryParseSnapshot(name, out var term, out var index, out var clock, out _))
            {
                keys.Add((term, index, clock));
            }
        }

        var snapshots = new List<RaftSnapshotInfo>();
        foreach (var (term, index, clock) in keys)
        {
            var dataName = string.Create(CultureInfo.InvariantCulture, $"snapshot-{term}-{index}-{clock}");
            var snapshot = ReadSnapshot(dataName, term, index, clock);
            if (snapshot.Problem is not null)
            {
                _problems.Add(RaftProblem.Warning($"{snapshot.FileName}: {snapshot.Problem}; raft ignores this snapshot"));
            }

            snapshots.Add(snapshot);
        }

        return snapshots;
    }

    private RaftSnapshotInfo ReadSnapshot(string dataName, ulong term, ulong index, ulong clock)
    {
        var metaName = dataName + RaftFileNames.MetaSuffix;
        var data = new FileInfo(Path.Combine(directory, dataName));
        var meta = new FileInfo(Path.Combine(directory, metaName));
        var modified = data.Exists ? data.LastWriteTimeUtc : meta.Exists ? meta.LastWriteTimeUtc : default;
        var size = data.Exists ? data.Length : 0;

        RaftConfiguration? configuration = null;
        string? problem = null;
        if (!meta.Exists)
        {
            problem = $"{metaName} is missing";
        }
        else if (TryReadAll(metaName, MaxMetaSize, out var bytes))
        {
            if (!RaftSnapshotInfo.TryDecodeMeta(bytes, out configuration, out var error))
            {
                problem = error;
            }
        }
        else
        {
            problem = $"{metaName} could not be read";
        }

        // raft skips a .meta whose data file is missing or empty (a snapshot still being written).
        if (problem is null && size == 0)
        {
            problem = data.Exists ? "the data file is empty" : "the data file is missing";
        }

        return new RaftSnapshotInfo(dataName, term, index, clock, new DateTimeOffset(modified, TimeSpan.Zero), size, configuration, problem);
    }

    private List<RaftSegmentFile> ReadSegments(List<string> names, RaftSnapshotInfo? snapshot)
    {
        var closed = new List<(string Name, ulong First, ulong End)>();
        var open = new List<(string Name, ulong Counter)>();
        foreach (var name in names)
        {
            if (RaftFileNames.TryParseClosed(name, out var first, out var end))
            {
                if (first > end)
                {
                    _problems.Add(RaftProblem.Error($"{name}: segment name has its first index after its last; ignored"));
                    continue;
                }

                closed.Add((name, first, end));
            }
            else if (RaftFileNames.TryParseOpen(name, out var counter))
            {
                open.Add((name, counter));
            }
        }

        closed.Sort((a, b) => a.First != b.First ? a.First.CompareTo(b.First) : a.End.CompareTo(b.End));
        open.Sort((a, b) => a.Counter.CompareTo(b.Counter));

        CheckClosedChain(closed, snapshot);

        var segments = new List<RaftSegmentFile>();
        foreach (var (name, first, end) in closed)
        {
            segments.Add(ReadClosed(name, first, end));
        }

        var next = closed.Count > 0 ? closed[^1].End + 1 : snapshot is not null ? snapshot.Index + 1 : 1;
        var openFiles = new List<RaftSegmentFile>();
        foreach (var (name, counter) in open)
        {
            var file = ReadOpen(name, counter, next);
            next += (ulong)(file.Summary?.EntryCount ?? 0);
            openFiles.Add(file);
        }

        JudgeOpen(openFiles);
        segments.AddRange(openFiles);
        return segments;
    }

    private void CheckClosedChain(List<(string Name, ulong First, ulong End)> closed, RaftSnapshotInfo? snapshot)
    {
        if (closed.Count == 0)
        {
            return;
        }

        var head = closed[0];
        if (snapshot is null && head.First != 1)
        {
            _problems.Add(RaftProblem.Error(
                $"the log starts at index {head.First} ({head.Name}) but there is no snapshot holding entries 1 to {head.First - 1}"));
        }
        else if (snapshot is not null && head.First > snapshot.Index + 1)
        {
            _problems.Add(RaftProblem.Error(
                $"{head.Name} starts after snapshot {snapshot.FileName} ends at index {snapshot.Index}: entries {snapshot.Index + 1} to {head.First - 1} are missing"));
        }

        for (var i = 1; i < closed.Count; i++)
        {
            var (older, newer) = (closed[i - 1], closed[i]);
            if (newer.First <= older.End)
            {
                _problems.Add(RaftProblem.Error(
                    $"{older.Name} and {newer.Name} overlap: entries {newer.First} to {Math.Min(older.End, newer.End)} are in both"));
            }
            else if (newer.First > older.End + 1)
            {
                var missing = $"entries {older.End + 1} to {newer.First - 1} are missing between {older.Name} and {newer.Name}";
                _problems.Add(snapshot is not null && newer.First - 1 <= snapshot.Index
                    ? RaftProblem.Note($"{missing}, but snapshot {snapshot.FileName} covers them")
                    : RaftProblem.Error(missing));
            }
        }
    }

    private RaftSegmentFile ReadClosed(string name, ulong first, ulong end)
    {
        var (summary, size) = ReadSegment(name, first);
        if (summary is null)
        {
            return new RaftSegmentFile(name, false, null, first, end, size, null, RaftSegmentHealth.Unreadable);
        }

        var expected = end - first + 1;
        string? problem = null;
        if (summary.End != RaftSegmentEnd.EndOfFile)
        {
            var lost = summary.LastIndex is { } lastIndex ? lastIndex + 1 : first;
            problem = $"{summary.EndDetail}; entries {lost} to {end} cannot be read";
        }
        else if ((ulong)summary.EntryCount != expected)
        {
            problem = $"holds {summary.EntryCount} entries but its name says {expected}";
        }

        if (problem is null)
        {
            return new RaftSegmentFile(name, false, null, first, end, size, summary, RaftSegmentHealth.Ok);
        }

        _problems.Add(RaftProblem.Error($"closed segment {name}: {problem}"));
        return new RaftSegmentFile(name, false, null, first, end, size, summary, RaftSegmentHealth.Corrupt);
    }

    private RaftSegmentFile ReadOpen(string name, ulong counter, ulong first)
    {
        var (summary, size) = ReadSegment(name, first);
        var health = summary switch
        {
            null => RaftSegmentHealth.Unreadable,
            { End: RaftSegmentEnd.Unused } => RaftSegmentHealth.Unused,
            { End: RaftSegmentEnd.BadFormat } => RaftSegmentHealth.Corrupt,
            { IsTorn: true } => RaftSegmentHealth.TornTail,
            _ => RaftSegmentHealth.Ok,
        };
        if (summary is { End: RaftSegmentEnd.BadFormat })
        {
            _problems.Add(RaftProblem.Error($"open segment {name}: {summary.EndDetail}"));
        }

        return new RaftSegmentFile(name, true, counter, first, null, size, summary, health);
    }

    // Only the newest open segment holding data may end torn (an interrupted write that raft
    // truncates on start); a torn segment followed by more data loses entries in the middle.
    private void JudgeOpen(List<RaftSegmentFile> openFiles)
    {
        var newestWithData = openFiles.FindLastIndex(f => f.Summary is { Format: not 0 });
        for (var i = 0; i < openFiles.Count; i++)
        {
            var file = openFiles[i];
            if (file.Health != RaftSegmentHealth.TornTail || file.Summary is not { } summary)
            {
                continue;
            }

            var lastGood = summary.LastIndex is { } lastIndex ? $"the last good entry is {lastIndex}" : "it holds no good entry";
            if (i == newestWithData)
            {
                _problems.Add(RaftProblem.Note(
                    $"open segment {file.FileName} ends in a torn batch at byte {summary.ValidLength} ({summary.EndDetail}); {lastGood}. Normal while LXD is writing or after a crash"));
            }
            else
            {
                openFiles[i] = file with { Health = RaftSegmentHealth.Corrupt };
                _problems.Add(RaftProblem.Error(
                    $"open segment {file.FileName} is damaged at byte {summary.ValidLength} ({summary.EndDetail}) but newer open segments follow it; {lastGood}"));
            }
        }
    }

    private (RaftSegmentSummary? Summary, long Size) ReadSegment(string name, ulong first)
    {
        try
        {
            beforeOpen?.Invoke(name);
            using var stream = RaftFileAccess.OpenShared(Path.Combine(directory, name));
            var size = stream.Length;
            var summary = RaftSegment.Read(stream, first);
            _bytesRead += stream.Position;
            if (summary.ConfigurationError is { } error)
            {
                _problems.Add(RaftProblem.Warning($"segment {name}: {error}"));
            }

            return (summary, size);
        }
        catch (Exception e) when (RaftFileAccess.IsVanished(e))
        {
            Vanished(name);
        }
        catch (Exception e) when (RaftFileAccess.IsReadFailure(e))
        {
            _problems.Add(RaftProblem.Error($"cannot read {name}: {e.Message}"));
        }

        return (null, 0);
    }

    private bool TryReadAll(string name, int maxBytes, out byte[] bytes)
    {
        try
        {
            beforeOpen?.Invoke(name);
            bytes = RaftFileAccess.ReadPrefix(Path.Combine(directory, name), maxBytes, out _);
            _bytesRead += bytes.Length;
            return true;
        }
        catch (Exception e) when (RaftFileAccess.IsVanished(e))
        {
            Vanished(name);
        }
        catch (Exception e) when (RaftFileAccess.IsReadFailure(e))
        {
            _problems.Add(RaftProblem.Error($"cannot read {name}: {e.Message}"));
        }

        bytes = [];
        return false;
    }

    private void Vanished(string name)
    {
        _raced = true;
        if (isFinalAttempt)
        {
            _problems.Add(RaftProblem.Warning(
                $"{name} vanished while being read, twice (LXD renamed or removed it); read again for a consistent view"));
        }
    }

    private (DateTimeOffset? Modified, TimeSpan? Age) StaleDump()
    {
        var dump = new FileInfo(Path.Combine(directory, "db.bin"));
        if (!dump.Exists)
        {
            return (null, null);
        }

        var modified = new DateTimeOffset(dump.LastWriteTimeUtc, TimeSpan.Zero);
        return (modified, now - modified);
    }
}
