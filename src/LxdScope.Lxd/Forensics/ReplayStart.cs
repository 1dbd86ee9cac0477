using LxdScope.Lxd.Raft;

namespace LxdScope.Lxd.Forensics;

/// <summary>
/// Where a replay of the log begins: the database image as of <see cref="Index"/>, taken from the
/// newest usable snapshot at or before the index wanted, or an empty database when the log
/// still begins at index 1. The one place that choice is made, for the rebuild and the timeline.
/// </summary>
/// <param name="Image">The database as of <see cref="Index"/>.</param>
/// <param name="Index">The last index the image includes (0: nothing yet).</param>
/// <param name="Term">The term of that entry (0 with no snapshot).</param>
/// <param name="SnapshotFile">The snapshot the image came from, or null.</param>
/// <param name="Configuration">The membership as of <see cref="Index"/>: the snapshot's, or null before the first entry.</param>
internal sealed record ReplayStart(PageImage Image, ulong Index, ulong Term, string? SnapshotFile, RaftConfiguration? Configuration)
{
    /// <summary>Chooses the start for a replay that must reach back to <paramref name="target"/>.</summary>
    /// <param name="state">The directory as read.</param>
    /// <param name="target">The newest index the start may be at.</param>
    /// <param name="wanted">The index the caller asked about, for the refusal's message.</param>
    /// <param name="warnings">Snapshots that could not be used are added here.</param>
    /// <exception cref="RebuildRefusedException">No image at or before <paramref name="target"/> can be had.</exception>
    public static ReplayStart Choose(RaftDirectoryState state, ulong target, ulong wanted, List<string> warnings, CancellationToken ct)
    {
        foreach (var snapshot in state.Snapshots.Where(s => s.IsUsable && s.Index <= target).Reverse())
        {
            ct.ThrowIfCancellationRequested();
            var image = new PageImage();
            try
            {
                LoadSnapshot(Path.Combine(state.Directory, snapshot.FileName), image);
            }
            catch (Exception e) when (e is InvalidDataException || RaftFileAccess.IsReadFailure(e) || RaftFileAccess.IsVanished(e))
            {
                warnings.Add($"snapshot {snapshot.FileName} cannot be used: {e.Message}");
                continue;
            }

            return new ReplayStart(image, snapshot.Index, snapshot.Term, snapshot.FileName, snapshot.Configuration);
        }

        if (LogStartsAtOne(state))
        {
            return new ReplayStart(new PageImage(), 0, 0, null, null);
        }

        // An open segment's first index is not stored: raft infers it from the closed segments
        // or the snapshot. With a snapshot present but unusable, "1" would be a guess.
        var first = state.Segments.FirstOrDefault(s => s.Summary is { EntryCount: > 0 });
        var logStart = first is null ? "there is no log"
            : first.IsOpen && state.Snapshots.Count > 0 ? $"the log is only in open segments ({first.FileName}), whose first index is not stored and can only be inferred from the snapshot"
            : $"the log starts at index {first.FirstIndex}";
        var why = state.Snapshots.Count == 0
            ? "there is no snapshot"
            : $"no snapshot at or before index {wanted} can be used ({string.Join("; ", state.Snapshots.Select(s => $"{s.FileName}: {s.Problem ?? (s.Index > target ? "after the index asked for" : "does not decode")}"))})";
        throw new RebuildRefusedException($"cannot rebuild: {why}, and {logStart}, so the entries before it are nowhere on disk");
    }

    /// <summary>The oldest index a replay can start from: 0 when the log begins at 1, else the oldest usable snapshot's; null when neither.</summary>
    public static ulong? Earliest(RaftDirectoryState state) =>
        LogStartsAtOne(state) ? 0 : state.Snapshots.FirstOrDefault(s => s.IsUsable)?.Index;

    private static bool LogStartsAtOne(RaftDirectoryState state)
    {
        var first = state.Segments.FirstOrDefault(s => s.Summary is { EntryCount: > 0 });
        return first is { FirstIndex: 1 } && (!first.IsOpen || state.Snapshots.Count == 0);
    }

    private static void LoadSnapshot(string path, PageImage image)
    {
        byte[] file;
        using (var stream = RaftFileAccess.OpenShared(path))
        {
            file = new byte[stream.Length];
            stream.ReadExactly(file);
        }

        var databases = DqliteSnapshot.Decode(file);
        var database = databases.FirstOrDefault(d => d.Filename == GlobalRebuild.DatabaseName)
            ?? throw new InvalidDataException($"it holds no {GlobalRebuild.DatabaseName} (only {string.Join(", ", databases.Select(d => d.Filename))})");
        image.LoadMain(database.Main.Span);
        SqliteWal.ApplyTo(image, database.Wal.Span);
    }
}
