using System.Globalization;

namespace LxdScope.Lxd.Raft;

/// <summary>
/// Recognises the raft file names in a dqlite data directory.
/// </summary>
/// <remarks>
/// Templates from canonical/dqlite src/raft/uv.h: closed segments "%016llu-%016llu"
/// (first and last index), open segments "open-%llu" (a counter), snapshots
/// "snapshot-%llu-%llu-%llu" (term, index, timestamp) plus ".meta". Anything else in the
/// directory (db.bin, metadata1, ...) is not a segment or snapshot.
/// </remarks>
internal static class RaftFileNames
{
    private const string OpenPrefix = "open-";
    private const string SnapshotPrefix = "snapshot-";
    public const string MetaSuffix = ".meta";

    public static bool TryParseClosed(string name, out ulong firstIndex, out ulong endIndex)
    {
        firstIndex = endIndex = 0;
        var dash = name.IndexOf('-', StringComparison.Ordinal);
        return dash > 0
            && TryParseNumber(name.AsSpan(0, dash), 16, out firstIndex)
            && TryParseNumber(name.AsSpan(dash + 1), 16, out endIndex);
    }

    public static bool TryParseOpen(string name, out ulong counter)
    {
        counter = 0;
        return name.StartsWith(OpenPrefix, StringComparison.Ordinal)
            && TryParseNumber(name.AsSpan(OpenPrefix.Length), 20, out counter);
    }

    /// <summary>Parses "snapshot-TERM-INDEX-TIMESTAMP", with or without ".meta".</summary>
    public static bool TryParseSnapshot(string name, out ulong term, out ulong index, out ulong timestamp, out bool isMeta)
    {
        term = index = timestamp = 0;
        isMeta = name.EndsWith(MetaSuffix, StringComparison.Ordinal);
        if (!name.StartsWith(SnapshotPrefix, StringComparison.Ordinal))
        {
            return false;
        }

        var body = name.AsSpan(SnapshotPrefix.Length);
        if (isMeta)
        {
            body = body[..^MetaSuffix.Length];
        }

        Span<Range> parts = stackalloc Range[4];
        return body.Split(parts, '-') == 3
            && TryParseNumber(body[parts[0]], 20, out term)
            && TryParseNumber(body[parts[1]], 20, out index)
            && TryParseNumber(body[parts[2]], 20, out timestamp);
    }

    public static string Closed(ulong firstIndex, ulong endIndex) =>
        string.Create(CultureInfo.InvariantCulture, $"{firstIndex:D16}-{endIndex:D16}");

    // Digits only: no sign, spaces or hex, which ulong.TryParse with NumberStyles.None ensures.
    private static bool TryParseNumber(ReadOnlySpan<char> text, int maxDigits, out ulong value)
    {
        value = 0;
        return text.Length > 0
            && text.Length <= maxDigits
            && ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }
}
