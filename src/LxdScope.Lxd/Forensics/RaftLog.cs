using LxdScope.Lxd.Forensics.Btree;
using LxdScope.Lxd.Raft;

namespace LxdScope.Lxd.Forensics;

/// <summary>
/// A member's raft log as a timeline of what changed, and the difference between the global
/// database at two indexes: the same replay as <see cref="GlobalRebuild"/>, watched transaction
/// by transaction. Read-only, like every forensics reader; nothing is written anywhere.
/// </summary>
public static class RaftLog
{
    /// <summary>Reads the timeline of <paramref name="globalDir"/>.</summary>
    /// <exception cref="RebuildRefusedException">The range asked for cannot be read (no database image before it, beyond the log, a bad range).</exception>
    public static RaftLogTimeline Read(string globalDir, RaftLogOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(globalDir);
        ArgumentNullException.ThrowIfNull(options);
        var (state, from, to, last, warnings) = Range(globalDir, options.FromIndex, options.ToIndex);
        var start = ReplayStart.Choose(state, from - 1, from - 1, warnings, cancellationToken);

        var watcher = new LogWatcher(start.Image, from, warnings);
        using var decoder = new RowDecoder(watcher.TextEncoding);
        var names = new MemberNames(decoder);
        var entries = new List<RaftLogEntry>();
        var membership = start.Configuration;
        RaftLogEntry? pendingCommit = null;
        watcher.EntryRead += (entry, command) =>
        {
            if (entry.Index >= from && !names.Loaded)
            {
                // The image holds every entry before this one; from here on the deltas keep the names.
                ReadNames(names, start.Image, warnings);
            }

            var line = Line(entry, command, ref membership, names);
            if (entry.Index < from || line is null)
            {
                return;
            }

            if (line.Kind == RaftLogEntryKind.Commit && command!.Filename == GlobalRebuild.DatabaseName)
            {
                // Completed with its tables once the replay has applied it.
                pendingCommit = line;
                return;
            }

            entries.Add(line);
        };
        watcher.TransactionApplied += (entry, deltas) =>
        {
            foreach (var delta in deltas ?? [])
            {
                names.Apply(delta);
            }

            var line = pendingCommit! with
            {
                Tables = deltas?.Select(d => decoder.Change(d.Table, d.Rows, d.RowsCounted, options.Rows)).ToList() ?? [],
                Note = deltas is null ? "the rows it changed cannot be told (see the warnings)" : null,
            };
            pendingCommit = null;
            entries.Add(line);
        };

        var replay = new LogReplay(state, start.Image, start.Index, start.Term, to, cancellationToken, watcher);
        replay.Run();
        warnings.AddRange(replay.Warnings);

        var snapshots = state.Snapshots
            .Where(s => s.Index >= from && s.Index <= Math.Min(to, replay.Reached))
            .Select(s => new RaftLogEntry(s.Index, s.Term, RaftLogEntryKind.Snapshot)
            {
                Membership = s.Configuration,
                Note = s.IsUsable ? s.FileName : $"{s.FileName}: {s.Problem}",
            });
        var lines = entries.Concat(snapshots)
            .OrderBy(e => e.Index)
            .ThenBy(e => e.Kind == RaftLogEntryKind.Snapshot)
            .Where(e => options.Table is null || e.Tables.Any(t => t.Table.Equals(options.Table, StringComparison.OrdinalIgnoreCase)))
            .ToList();
        var stop = replay.StopReason is { } reason && replay.Reached < to
            ? reason + (replay.EndedAtTornTail ? " (a torn tail: normal after a crash or while the daemon writes; raft drops it too)" : "")
            : null;
        return new RaftLogTimeline(
            state.Directory, start.Index, start.Term, start.SnapshotFile, start.Configuration, from, to, last, lines, warnings, stop);
    }

    /// <summary>The rows that differ between the database as of <paramref name="fromIndex"/> and as of <paramref name="toIndex"/>.</summary>
    /// <exception cref="RebuildRefusedException">Either database cannot be had from the files, or a transaction between them cannot be read.</exception>
    public static RaftLogDiff Diff(string globalDir, ulong fromIndex, ulong toIndex, bool withRows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(globalDir);
        if (toIndex < fromIndex)
        {
            throw new RebuildRefusedException($"--to-index {toIndex} is before --from-index {fromIndex}");
        }

        var (state, _, to, _, warnings) = Range(globalDir, fromIndex == 0 ? null : fromIndex, toIndex);
        var start = ReplayStart.Choose(state, fromIndex, fromIndex, warnings, cancellationToken);
        var watcher = new LogWatcher(start.Image, fromIndex + 1, warnings);
        var net = new Dictionary<string, (SchemaObject Table, bool Counted, Dictionary<long, (byte[]? Before, byte[]? After)> Rows)>(StringComparer.Ordinal);
        long transactions = 0;
        string? unknown = null;
        watcher.TransactionApplied += (entry, deltas) =>
        {
            transactions++;
            if (deltas is null)
            {
                unknown ??= $"the rows changed at index {entry.Index} cannot be told";
                return;
            }

            foreach (var delta in deltas)
            {
                if (!net.TryGetValue(delta.Table.Name, out var table))
                {
                    table = (delta.Table, delta.RowsCounted, []);
                }

                table = table with { Table = delta.Table, Counted = table.Counted && delta.RowsCounted };
                net[delta.Table.Name] = table;
                foreach (var row in delta.Rows)
                {
                    // The first value before and the last value after: what happened in between cancels out.
                    table.Rows[row.RowId] = table.Rows.TryGetValue(row.RowId, out var seen) ? (seen.Before, row.After) : (row.Before, row.After);
                }
            }
        };

        var replay = new LogReplay(state, start.Image, start.Index, start.Term, to, cancellationToken, watcher);
        replay.Run();
        if (replay.Reached < to)
        {
            throw new RebuildRefusedException($"cannot read the log up to index {to}: {replay.StopReason ?? "the log ends early"}", replay.Reached);
        }

        if (unknown is not null)
        {
            throw new RebuildRefusedException($"cannot diff index {fromIndex} against {toIndex}: {unknown} (see the warnings: {string.Join("; ", warnings)})");
        }

        warnings.AddRange(replay.Warnings);
        using var decoder = new RowDecoder(watcher.TextEncoding);
        var tables = net.Values
            .Select(t => (t.Table, t.Counted, Rows: t.Rows
                .Where(r => !(r.Value.Before ?? []).AsSpan().SequenceEqual(r.Value.After ?? []) || (r.Value.Before is null) != (r.Value.After is null))
                .OrderBy(r => r.Key)
                .Select(r => new RowDelta(r.Key, r.Value.Before, r.Value.After))
                .ToList()))
            .Where(t => t.Rows.Count > 0 || !t.Counted)
            .OrderBy(t => t.Table.Name, StringComparer.Ordinal)
            .Select(t => decoder.Change(t.Table, t.Rows, t.Counted, withRows))
            .ToList();
        return new RaftLogDiff(state.Directory, fromIndex, to, tables, transactions, warnings);
    }

    private static (RaftDirectoryState State, ulong From, ulong To, ulong Last, List<string> Warnings) Range(string globalDir, ulong? fromIndex, ulong? toIndex)
    {
        if (fromIndex == 0 || toIndex == 0)
        {
            throw new RebuildRefusedException("raft indexes start at 1");
        }

        var state = RaftDirectory.Read(globalDir);
        if (!state.Exists)
        {
            throw new RebuildRefusedException($"no raft directory at {globalDir}");
        }

        var last = GlobalRebuild.LastOnDisk(state);
        var to = toIndex ?? last;
        if (to > last)
        {
            throw new RebuildRefusedException($"index {to} is beyond the last entry in {globalDir} ({last})", last);
        }

        var from = fromIndex ?? (ReplayStart.Earliest(state) is { } earliest ? earliest + 1 : 1);
        if (from > to)
        {
            throw new RebuildRefusedException($"--from-index {from} is after --to-index {to}");
        }

        var warnings = state.Problems.Where(p => p.Severity != RaftProblemSeverity.Note).Select(p => p.ToString()).ToList();
        return (state, from, to, last, warnings);
    }

    private static void ReadNames(MemberNames names, PageImage image, List<string> warnings)
    {
        try
        {
            names.Read(new ImagePages(image));
        }
        catch (InvalidDataException e)
        {
            warnings.Add($"the members' names cannot be read from the {MemberNames.Table} table ({e.Message})");
        }
    }

    // The line for one entry, null for none; keeps the membership up to date.
    private static RaftLogEntry? Line(RaftEntry entry, DqliteCommand? command, ref RaftConfiguration? membership, MemberNames names)
    {
        switch (entry.Type)
        {
            case RaftEntryType.Barrier:
                return new RaftLogEntry(entry.Index, entry.Term, RaftLogEntryKind.Barrier);
            case RaftEntryType.Change:
                if (!RaftConfiguration.TryDecode(entry.Payload.Span, entry.Index, out var next, out var error))
                {
                    return new RaftLogEntry(entry.Index, entry.Term, RaftLogEntryKind.Configuration) { Note = $"the configuration does not decode: {error}" };
                }

                var changes = Changes(membership, next, names);
                membership = next;
                return new RaftLogEntry(entry.Index, entry.Term, RaftLogEntryKind.Configuration)
                {
                    Membership = next,
                    MembershipChanges = changes,
                    MemberNames = names.Snapshot(),
                };
        }

        if (command is null)
        {
            return null;
        }

        var line = new RaftLogEntry(entry.Index, entry.Term, command.Type switch
        {
            DqliteCommandType.Open => RaftLogEntryKind.Open,
            DqliteCommandType.Undo => RaftLogEntryKind.Undo,
            DqliteCommandType.Checkpoint => RaftLogEntryKind.Checkpoint,
            _ => command.Frames!.IsCommit ? RaftLogEntryKind.Commit : RaftLogEntryKind.Frames,
        })
        {
            Database = command.Type == DqliteCommandType.Undo ? null : command.Filename,
            TxId = command.TxId,
            Pages = command.Frames?.PageNumbers.Count ?? 0,
        };
        return command.Frames is not null && command.Filename != GlobalRebuild.DatabaseName
            ? line with { Note = $"not the global database ({GlobalRebuild.DatabaseName}): not replayed" }
            : line;
    }

    private static List<MembershipChange> Changes(RaftConfiguration? before, RaftConfiguration after, MemberNames names)
    {
        var old = (before?.Servers ?? []).ToDictionary(s => s.Id);
        var now = after.Servers.ToDictionary(s => s.Id);
        var changes = new List<MembershipChange>();
        foreach (var server in after.Servers)
        {
            if (!old.TryGetValue(server.Id, out var was) || was.Role != server.Role || was.Address != server.Address)
            {
                changes.Add(new MembershipChange(server.Id, server.Address, was?.Role, server.Role, names.Of(server.Address)));
            }
        }

        changes.AddRange(old.Values.Where(s => !now.ContainsKey(s.Id)).Select(s => new MembershipChange(s.Id, s.Address, s.Role, null, names.Of(s.Address))));
        return changes;
    }
}
