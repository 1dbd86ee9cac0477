using System.Globalization;
using System.IO.Hashing;
using System.Text;
using LxdScope.Lxd.Raft;

namespace LxdScope.Lxd.Forensics;

/// <summary>
/// Names a rebuild in <see cref="RebuildCache"/> from as little of the raft directory as will
/// tell histories apart, so that a cached answer costs a listing and one or two segments, not
/// a read of every segment.
/// </summary>
/// <remarks>
/// The key covers: the directory's path; the index and the term of the entry there; every entry
/// (term and payload, their checksums checked) from the start of each segment holding one of
/// the last <see cref="Window"/> entries up to the index, and of every open segment before it;
/// and the name, size and modification time of every closed segment and snapshot file at or
/// before the index. Raft's log matching makes (index, term) name one history within a
/// cluster; the entries tell two clusters apart that used the same path (their heartbeats,
/// certificates and times differ); the file stamps catch a closed segment or snapshot replaced or
/// changed since (dqlite never rewrites a closed segment: it only deletes it).
/// <para>
/// The hashes are 128-bit xxHash, not a cryptographic one: whoever can write the directory decides
/// the answer anyway, what the key must catch is another history, not a forged one; and it spares
/// a cached query loading OpenSSL.
/// </para>
/// </remarks>
internal static class RebuildCacheKey
{
    private const int Window = 64;

    /// <summary>The key of <paramref name="globalDir"/> as of <paramref name="index"/> (default: its last entry), or null when the entry cannot be named this way.</summary>
    public static (string Key, ulong Index)? Compute(string globalDir, ulong? index)
    {
        try
        {
            return Scan(globalDir, index);
        }
        catch (Exception e) when (RaftFileAccess.IsReadFailure(e) || RaftFileAccess.IsVanished(e))
        {
            return null;
        }
    }

    private static (string Key, ulong Index)? Scan(string globalDir, ulong? index)
    {
        var closed = new List<(string Name, ulong First, ulong End)>();
        var open = new List<(string Name, ulong Counter)>();
        var snapshots = new List<(string Name, ulong Term, ulong Index)>();
        foreach (var path in Directory.EnumerateFiles(globalDir))
        {
            var name = Path.GetFileName(path);
            if (RaftFileNames.TryParseClosed(name, out var first, out var end) && first <= end)
            {
                closed.Add((name, first, end));
            }
            else if (RaftFileNames.TryParseOpen(name, out var counter))
            {
                open.Add((name, counter));
            }
            else if (RaftFileNames.TryParseSnapshot(name, out var snapshotTerm, out var snapshotIndex, out _, out _))
            {
                snapshots.Add((name, snapshotTerm, snapshotIndex));
            }
        }

        closed.Sort((a, b) => a.First != b.First ? a.First.CompareTo(b.First) : a.End.CompareTo(b.End));
        open.Sort((a, b) => a.Counter.CompareTo(b.Counter));
        snapshots.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));

        // The entries named by the last closed segment and the open ones after it, read in order
        // until the wanted one; without an index, the open segments give the last entry.
        var entries = new List<(ulong Index, ulong Term, byte[] Hash)>();
        var wanted = index ?? (open.Count == 0 && closed.Count > 0 ? closed[^1].End : null);
        if (wanted is not { } n || closed.Count == 0 || n > closed[^1].End)
        {
            var next = closed.Count > 0 ? closed[^1].End + 1 : FirstAfterSnapshot(snapshots);
            foreach (var (name, _) in open)
            {
                var summary = ReadEntries(globalDir, name, next, wanted, entries);
                if (summary.End is RaftSegmentEnd.Unused || summary.LastIndex is not { } last)
                {
                    continue;
                }

                next = last + 1;
                if (wanted is { } w && last >= w)
                {
                    break;
                }
            }

            wanted ??= next - 1;
        }

        var at = wanted.Value;
        var windowStart = at > Window ? at - Window + 1 : 1;
        foreach (var (name, first, end) in closed)
        {
            if (first <= at && end >= windowStart)
            {
                ReadEntries(globalDir, name, first, at, entries);
            }
        }

        var hash = new XxHash128();
        hash.Append(Encoding.UTF8.GetBytes(Path.GetFullPath(globalDir) + "\n" + at.ToString(CultureInfo.InvariantCulture) + "\n"));
        ulong? term = null;
        foreach (var (entryIndex, entryTerm, entryHash) in entries.Where(e => e.Index <= at).OrderBy(e => e.Index))
        {
            hash.Append(entryHash);
            term = entryIndex == at ? entryTerm : term;
        }

        // Folded into a snapshot and gone from the log: the snapshot taken there names it.
        term ??= snapshots.LastOrDefault(s => s.Index == at && !s.Name.EndsWith(RaftFileNames.MetaSuffix, StringComparison.Ordinal)) is { Name: not null } snapshot
            ? snapshot.Term
            : null;
        if (term is null)
        {
            return null;
        }

        var stamps = closed.Where(c => c.First <= at).Select(c => c.Name)
            .Concat(snapshots.Where(s => s.Index <= at).Select(s => s.Name));
        foreach (var name in stamps)
        {
            var file = new FileInfo(Path.Combine(globalDir, name));
            hash.Append(Encoding.UTF8.GetBytes(string.Create(
                CultureInfo.InvariantCulture, $"{name} {(file.Exists ? file.Length : -1)} {(file.Exists ? file.LastWriteTimeUtc.Ticks : 0)}\n")));
        }

        return (string.Create(CultureInfo.InvariantCulture, $"{at}-{term}-{Convert.ToHexStringLower(hash.GetCurrentHash())}"), at);
    }

    // An open segment with no closed one before it continues after the newest snapshot, or at 1.
    private static ulong FirstAfterSnapshot(List<(string Name, ulong Term, ulong Index)> snapshots) =>
        snapshots.Count == 0 ? 1 : snapshots.Max(s => s.Index) + 1;

    // Each entry up to the wanted one as (index, term, hash of term and payload): payloads are
    // only valid during the callback.
    private static RaftSegmentSummary ReadEntries(string globalDir, string name, ulong first, ulong? upTo, List<(ulong, ulong, byte[])> entries)
    {
        using var stream = RaftFileAccess.OpenShared(Path.Combine(globalDir, name));
        return RaftSegment.Read(stream, first, e =>
        {
            if (upTo is null || e.Index <= upTo)
            {
                entries.Add((e.Index, e.Term, XxHash128.Hash(e.Payload.Span, (long)e.Term)));
            }
        });
    }
}
