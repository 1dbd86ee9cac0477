using LxdScope.Lxd.Raft;
using LxdScope.Lxd.Safety;
using Microsoft.Data.Sqlite;

namespace LxdScope.Lxd.Forensics;

/// <summary>
/// Rebuilds LXD's global (dqlite) database as a plain SQLite file from a member's raft
/// directory, &lt;LXD_DIR&gt;/database/global, which is only ever read.
/// </summary>
/// <remarks>
/// Start from the newest usable snapshot at or before the target index (its database file and
/// WAL), or from an empty database when the log still begins at index 1; then replay the
/// FRAMES commands of the entries after it, in order. The result is refused, and nothing is
/// written, whenever the chain of entries is broken before the target, and the file written
/// must pass SQLite's quick_check. The entries on one member's disk can include a tail the
/// leader never committed cluster-wide: a rebuild shows this member's view, which is the view
/// the cluster keeps if this member is the one recovered from.
/// </remarks>
public static class GlobalRebuild
{
    /// <summary>The name of LXD's global database in dqlite.</summary>
    public const string DatabaseName = "db.bin";

    /// <summary>
    /// Rebuilds the database as of <paramref name="uptoIndex"/> (or the last valid entry) into
    /// <paramref name="outputPath"/>, replacing it if it exists.
    /// </summary>
    /// <exception cref="RebuildRefusedException">No database right as of that index can be had; nothing was written.</exception>
    /// <exception cref="OutputPathRefusedException">The output lies in an LXD/Incus directory; nothing was written.</exception>
    /// <exception cref="IOException">The output could not be written.</exception>
    public static RebuildResult Run(string globalDir, string outputPath, ulong? uptoIndex, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(globalDir);
        ArgumentNullException.ThrowIfNull(outputPath);
        // The raft directory and the LXD directory holding it, besides every default one.
        var output = OutputPathGuard.Check(outputPath, "the rebuilt database", [globalDir, LxdDirectory.HoldingGlobal(globalDir)?.Root]);

        if (uptoIndex == 0)
        {
            throw new RebuildRefusedException("--upto-index must be at least 1");
        }

        var state = RaftDirectory.Read(globalDir);
        if (!state.Exists)
        {
            throw new RebuildRefusedException($"no raft directory at {globalDir}");
        }

        var lastOnDisk = LastOnDisk(state);

        if (uptoIndex > lastOnDisk)
        {
            throw new RebuildRefusedException($"index {uptoIndex} is beyond the last entry in {globalDir} ({lastOnDisk})", lastOnDisk);
        }

        var target = uptoIndex ?? ulong.MaxValue;
        var warnings = state.Problems.Where(p => p.Severity != RaftProblemSeverity.Note).Select(p => p.ToString()).ToList();
        var start = ReplayStart.Choose(state, target, uptoIndex ?? lastOnDisk, warnings, cancellationToken);
        return Finish(state, start, uptoIndex, lastOnDisk, output, warnings, cancellationToken);
    }

    /// <summary>The last index the directory holds, damaged segments counted.</summary>
    /// <exception cref="RebuildRefusedException">It holds no entry and no snapshot.</exception>
    internal static ulong LastOnDisk(RaftDirectoryState state)
    {
        // A damaged closed segment still names its last index: count it, so a rebuild that
        // stops inside it is refused rather than taken for the end of the log.
        var last = Math.Max(
            state.PositionSource is RaftPositionSource.Log or RaftPositionSource.Snapshot ? state.Position.Index : 0,
            state.Segments.Max(s => s.NameEndIndex) ?? 0);
        return last > 0 ? last : throw new RebuildRefusedException($"{state.Directory} holds no raft log entries and no snapshot");
    }

    private static RebuildResult Finish(
        RaftDirectoryState state,
        ReplayStart start,
        ulong? uptoIndex,
        ulong lastOnDisk,
        string output,
        List<string> warnings,
        CancellationToken ct)
    {
        var (image, startIndex, _, snapshotFile, _) = start;
        var replay = new LogReplay(state, image, startIndex, start.Term, uptoIndex ?? ulong.MaxValue, ct);
        replay.Run();
        warnings.AddRange(replay.Warnings);
        var reached = replay.Reached;
        var wanted = uptoIndex ?? lastOnDisk;
        // Damage (anything but a torn tail) before the wanted index is a refusal even when it
        // sits in the newest segment and so also ends what the directory is thought to hold.
        if (reached < wanted || (replay.StopReason is not null && !replay.EndedAtTornTail))
        {
            var advice = reached > startIndex || snapshotFile is not null
                ? $"; the log is intact up to index {reached}: rebuild with --upto-index {reached} for the database as of then"
                : "";
            throw new RebuildRefusedException(
                $"cannot rebuild as of index {wanted}: {replay.StopReason ?? "the log ends early"}{advice}", reached);
        }

        if (replay.EndedAtTornTail && replay.StopReason is { } torn)
        {
            warnings.Add($"{torn} (a torn tail: normal after a crash or while LXD writes; raft drops it too)");
        }

        if (image.PageSize == 0)
        {
            throw new RebuildRefusedException($"no database content up to index {reached}: neither a snapshot nor any FRAMES entry");
        }

        var partial = $"{output}.partial-{Environment.ProcessId}";
        File.Delete(partial);
        try
        {
            var missing = image.WriteTo(partial);
            if (missing > 0)
            {
                throw new RebuildRefusedException($"the rebuilt database lacks {missing} pages that nothing in the snapshot or log wrote; not written", reached);
            }

            var check = QuickCheck(partial);
            if (check != "ok")
            {
                throw new RebuildRefusedException($"the rebuilt database fails SQLite's quick_check ({check}); not written", reached);
            }

            File.Move(partial, output, overwrite: true);
        }
        finally
        {
            File.Delete(partial);
        }

        return new RebuildResult(
            output, reached, replay.LastTerm, startIndex, snapshotFile, replay.Entries, replay.Transactions, lastOnDisk, image.PageCount, warnings);
    }

    private static string QuickCheck(string path)
    {
        var builder = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false };
        try
        {
            using var connection = new SqliteConnection(builder.ToString());
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA quick_check(5)";
            using var reader = command.ExecuteReader();
            var lines = new List<string>();
            while (reader.Read())
            {
                lines.Add(reader.GetString(0));
            }

            return string.Join("; ", lines);
        }
        catch (SqliteException e)
        {
            return e.Message;
        }
    }
}
