using System.Globalization;
using LxdScope.Lxd.Raft;

namespace LxdScope.Lxd.Forensics;

/// <summary>
/// Checks a raft directory the way a recovery needs: segment gaps and overlaps, checksum
/// failures, torn tails, and whether the global database rebuilds from it to its last entry.
/// </summary>
public static class RaftDirectoryCheck
{
    /// <summary>Reads <paramref name="globalDir"/> (read-only) and judges it as a member to recover from.</summary>
    public static RecoveryMember Check(string name, string globalDir, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(globalDir);
        var state = RaftDirectory.Read(globalDir);
        var findings = new List<string>();
        if (!state.Exists)
        {
            return new RecoveryMember(name, globalDir, null, null, false, [$"no raft directory at {globalDir}"]);
        }

        findings.AddRange(Segments(state));
        findings.AddRange(state.Problems.Select(p => p.ToString()).Where(p => !findings.Contains(p)));

        var sound = false;
        try
        {
            using var rebuilt = RebuiltGlobal.Create(globalDir, null, cancellationToken);
            var r = rebuilt.Result;
            findings.Add(string.Create(CultureInfo.InvariantCulture, $"the global database rebuilds from it up to its last entry ({r.AsOf})"));
            sound = true;
        }
        catch (RebuildRefusedException e)
        {
            findings.Add($"error: the global database does not rebuild from it: {e.Message}");
        }

        RaftPosition? position = state.PositionSource == RaftPositionSource.None ? null : state.Position;
        return new RecoveryMember(name, globalDir, position, null, sound, findings, LxdDirOf(globalDir));
    }

    // Per-segment verdicts in the words an operator searches for: checksum, torn, truncated.
    private static IEnumerable<string> Segments(RaftDirectoryState state)
    {
        foreach (var segment in state.Segments)
        {
            if (segment.Summary is not { } s)
            {
                continue;
            }

            var after = s.LastIndex is { } last ? string.Create(CultureInfo.InvariantCulture, $"after entry {last}") : "before its first entry";
            switch (s.End)
            {
                case RaftSegmentEnd.HeaderChecksumMismatch or RaftSegmentEnd.DataChecksumMismatch when !segment.IsOpen || segment.Health == RaftSegmentHealth.Corrupt:
                    yield return $"error: CRC failure in {segment.FileName} {after} ({s.EndDetail})";
                    break;
                case RaftSegmentEnd.ShortRead when !segment.IsOpen:
                    yield return $"error: {segment.FileName} is truncated {after} ({s.EndDetail})";
                    break;
                case RaftSegmentEnd.HeaderChecksumMismatch or RaftSegmentEnd.DataChecksumMismatch or RaftSegmentEnd.ShortRead or RaftSegmentEnd.BadBatch
                    when segment.Health == RaftSegmentHealth.TornTail:
                    yield return $"note: torn tail in {segment.FileName} {after} ({s.EndDetail}); normal after a crash, raft drops it";
                    break;
            }
        }
    }

    // The live directory <LXD_DIR>/database/global: the commands can then name LXD_DIR.
    private static string? LxdDirOf(string globalDir)
    {
        var full = Path.GetFullPath(globalDir).TrimEnd(Path.DirectorySeparatorChar);
        var database = Path.GetDirectoryName(full);
        return Path.GetFileName(full) == "global" && database is not null && Path.GetFileName(database) == "database"
            && File.Exists(Path.Combine(database, "local.db"))
            ? Path.GetDirectoryName(database)
            : null;
    }
}
