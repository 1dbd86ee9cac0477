using System.Globalization;
using LxdScope.Lxd.Api;
using Microsoft.Data.Sqlite;

namespace LxdScope.Lxd.Global;

/// <summary>Reads the cluster's members, their roles and the offline threshold with a query that
/// fits the schema version actually present.</summary>
public static class GlobalReader
{
    /// <summary>
    /// One SELECT in the common case: the newest shape is sent straight away, with the schema
    /// version as a column of its answer. A database older than that shape refuses it (or answers a
    /// version below it), and is then asked for its version and read with its own shape. Waiting
    /// for the version first would put a round trip to the leader in front of every read.
    /// </summary>
    public static async Task<GlobalSnapshot> ReadAsync(ISelectSource source, LxdProduct product, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(source);
        var newest = new GlobalSchema(GlobalSchema.NewestShapeVersion, product);
        var result = await TryNewestShapeAsync(source, newest, ct);
        if (result is { Rows.Count: > 0 } && (int)AsLong(result.Rows[0][0]) is var version && version >= newest.Version)
        {
            return Parse(new GlobalSchema(version, product), result);
        }

        var versionResult = await source.SelectAsync(GlobalSchema.VersionQuery, ct);
        var schema = new GlobalSchema((int)AsLong(versionResult.Rows.Count > 0 ? versionResult.Rows[0][0] : null), product);
        return Parse(schema, await source.SelectAsync(schema.MembersQuery, ct));
    }

    /// <summary>
    /// The newest shape's answer, or null when the database refused it (an older schema). A
    /// daemon that is unreachable or does not answer in time is not asked again.
    /// </summary>
    private static async Task<SqlResult?> TryNewestShapeAsync(ISelectSource source, GlobalSchema newest, CancellationToken ct)
    {
        try
        {
            return await source.SelectAsync(newest.MembersQuery, ct);
        }
        catch (LxdApiException e) when (!e.TimedOut && !e.Unreachable)
        {
            return null;
        }
        catch (SqliteException)
        {
            return null;
        }
    }

    private static GlobalSnapshot Parse(GlobalSchema schema, SqlResult result)
    {
        var members = result.Rows
            .Select(r => new GlobalMember(
                AsLong(r[2]),
                AsString(r[3]),
                AsString(r[4]),
                (int)AsLong(r[5]),
                (int)AsLong(r[6]),
                LxdTime.Parse(r[7] as string),
                (int)AsLong(r[8]),
                (int)AsLong(r[9]),
                r[10] as string,
                Roles(schema, r[11])))
            .ToList();
        var threshold = result.Rows.Count > 0 && result.Rows[0][1] is { } value ? AsString(value) : null;
        return new GlobalSnapshot(schema, members, GlobalSnapshot.ParseOfflineThreshold(threshold));
    }

    /// <summary>nodes_roles numbers ("1,3") as names, in number order.</summary>
    private static List<string> Roles(GlobalSchema schema, object? value)
    {
        var text = value is null ? "" : AsString(value);
        return text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(n => AsLong(n))
            .Where(n => n != 0) // "database" rows (3.18–4.2) were dropped by LXD 4.3; raft is the truth.
            .Order()
            .Select(schema.RoleName)
            .ToList();
    }

    internal static long AsLong(object? value) => value switch
    {
        null => 0,
        long l => l,
        double d => (long)d,
        string s when long.TryParse(s, CultureInfo.InvariantCulture, out var l) => l,
        _ => Convert.ToInt64(value, CultureInfo.InvariantCulture),
    };

    internal static string AsString(object? value) => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";
}
