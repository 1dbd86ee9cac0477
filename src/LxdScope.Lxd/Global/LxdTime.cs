using System.Globalization;

namespace LxdScope.Lxd.Global;

/// <summary>
/// Timestamps as LXD stores and returns them: RFC 3339 through the API
/// (<c>2026-11-28T02:08:27.046556006Z</c>), go-dqlite's text form in the database
/// (<c>2026-11-28 01:33:40.993803926+00:00</c>), or SQLite's CURRENT_TIMESTAMP
/// (<c>2026-11-28 01:23:55</c>, UTC). .NET parses at most 7 fractional digits.
/// </summary>
public static class LxdTime
{
    private static readonly string[] Formats =
    [
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd'T'HH:mm:ssK",
        "yyyy-MM-dd HH:mm:ssK",
        "yyyy-MM-dd HH:mm:ss",
        "yyyy-MM-dd'T'HH:mm:ss",
    ];

    public static DateTimeOffset? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var trimmed = TrimFraction(text.Trim());
        return DateTimeOffset.TryParseExact(
            trimmed,
            Formats,
            CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal,
            out var value)
            ? value
            : null;
    }

    /// <summary>Cuts a fraction of more than 7 digits down to 7, keeping the zone that follows it.</summary>
    private static string TrimFraction(string text)
    {
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        if (dot < 0)
        {
            return text;
        }

        var end = dot + 1;
        while (end < text.Length && char.IsAsciiDigit(text[end]))
        {
            end++;
        }

        return end - dot - 1 <= 7 ? text : string.Concat(text.AsSpan(0, dot + 8), text.AsSpan(end));
    }
}
