using System.Globalization;
using System.Text.RegularExpressions;
using LxdScope.Lxd.Api;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace LxdScope.Lxd.Sql;

/// <summary>
/// Renders DATETIME columns of a result read from a SQLite file the way <c>lxd sql global</c> shows
/// them: go-dqlite decodes such columns into Go times and LXD prints them as RFC 3339 with
/// nanoseconds (<c>2026-11-28T04:25:17.95230291Z</c>: trailing zeros dropped, "Z" for UTC;
/// integers are Unix seconds).
/// </summary>
/// <remarks>
/// The declared type comes from sqlite3_column_decltype, so only columns read straight from a
/// DATETIME or TIMESTAMP column are converted, as go-dqlite does. Text go-dqlite could not parse
/// is left as stored.
/// </remarks>
public static partial class GoDqliteTimes
{
    /// <summary>The result with its DATETIME values rendered as LXD prints them.</summary>
    public static SqlResult Apply(SqliteConnection connection, string query, SqlResult result)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(result);
        var times = DateTimeColumns(connection, query);
        if (times.Count == 0)
        {
            return result;
        }

        var rows = result.Rows.Select(row => (IReadOnlyList<object?>)row.Select((v, i) => times.Contains(i) ? Render(v) : v).ToList()).ToList();
        return result with { Rows = rows };
    }

    /// <summary>One value as LXD prints a DATETIME (null stays null).</summary>
    public static object? Render(object? value) => value switch
    {
        long seconds => Rfc3339(DateTimeOffset.FromUnixTimeSeconds(seconds).ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture), "", TimeSpan.Zero),
        string text when Stored().Match(text.Trim()) is { Success: true } m => Rfc3339(
            $"{m.Groups["date"].Value}T{m.Groups["hm"].Value}:{(m.Groups["s"].Success ? m.Groups["s"].Value : "00")}",
            m.Groups["f"].Value,
            Offset(m.Groups["zone"].Value)),
        _ => value,
    };

    private static string Rfc3339(string dateTime, string fraction, TimeSpan offset)
    {
        var f = fraction.TrimEnd('0');
        var zone = offset == TimeSpan.Zero ? "Z" : (offset < TimeSpan.Zero ? "-" : "+") + offset.Duration().ToString(@"hh\:mm", CultureInfo.InvariantCulture);
        return dateTime + (f.Length > 0 ? "." + f : "") + zone;
    }

    private static TimeSpan Offset(string zone) => zone switch
    {
        "" or "Z" => TimeSpan.Zero,
        _ => (zone[0] == '-' ? -1 : 1) * new TimeSpan(int.Parse(zone.AsSpan(1, 2), CultureInfo.InvariantCulture), int.Parse(zone.AsSpan(4, 2), CultureInfo.InvariantCulture), 0),
    };

    private static HashSet<int> DateTimeColumns(SqliteConnection connection, string query)
    {
        var columns = new HashSet<int>();
        if (raw.sqlite3_prepare_v2(connection.Handle, query, out var statement, out _) != raw.SQLITE_OK)
        {
            return columns;
        }

        using (statement)
        {
            for (var i = 0; i < raw.sqlite3_column_count(statement); i++)
            {
                var type = raw.sqlite3_column_decltype(statement, i).utf8_to_string();
                if (string.Equals(type, "DATETIME", StringComparison.OrdinalIgnoreCase) || string.Equals(type, "TIMESTAMP", StringComparison.OrdinalIgnoreCase))
                {
                    columns.Add(i);
                }
            }
        }

        return columns;
    }

    // go-dqlite's iso8601Formats: date, then optionally time (with seconds, nanoseconds, zone).
    [GeneratedRegex(@"^(?<date>\d{4}-\d{2}-\d{2})[ T](?<hm>\d{2}:\d{2})(:(?<s>\d{2})(\.(?<f>\d{1,9}))?)?(?<zone>Z|[+-]\d{2}:\d{2})?$")]
    private static partial Regex Stored();
}
