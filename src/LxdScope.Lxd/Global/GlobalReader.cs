using System.Globalization;
using LxdScope.Lxd.Api;

namespace LxdScope.Lxd.Global;

/// <summary>Reads the cluster's members, configuration and instance counts with queries that fit
/// the schema version actually present.</summary>
public static class GlobalReader
{
    public static async Task<GlobalSnapshot> ReadAsync(ISelectSource source, LxdProduct product, CancellationToken ct)
    {
        var versionResult = await source.SelectAsync(GlobalSchema.VersionQuery, ct);
        var schema = new GlobalSchema((int)AsLong(versionResult.Rows.Count > 0 ? versionResult.Rows[0][0] : null), product);

        // The version decides the queries; the rest go out together (each is a round trip to the leader).
        var rolesTask = schema.RolesQuery is { } rolesQuery ? source.SelectAsync(rolesQuery, ct) : Task.FromResult(new SqlResult([], []));
        var membersTask = source.SelectAsync(schema.MembersQuery, ct);
        var configTask = source.SelectAsync(GlobalSchema.ConfigQuery, ct);
        var instancesTask = source.SelectAsync(schema.InstanceCountsQuery, ct);
        await Task.WhenAll(rolesTask, membersTask, configTask, instancesTask);

        var roles = new Dictionary<long, List<string>>();
        foreach (var row in rolesTask.Result.Rows)
        {
            var id = AsLong(row[0]);
            var role = AsLong(row[1]);
            if (role == 0)
            {
                continue; // "database" rows (3.18–4.2) were dropped by LXD 4.3; raft is the truth.
            }

            if (!roles.TryGetValue(id, out var list))
            {
                roles[id] = list = [];
            }

            list.Add(schema.RoleName(role));
        }

        var members = membersTask.Result.Rows
            .Select(r => new GlobalMember(
                AsLong(r[0]),
                AsString(r[1]),
                AsString(r[2]),
                (int)AsLong(r[3]),
                (int)AsLong(r[4]),
                LxdTime.Parse(r[5] as string),
                (int)AsLong(r[6]),
                (int)AsLong(r[7]),
                r[8] as string,
                roles.TryGetValue(AsLong(r[0]), out var memberRoles) ? memberRoles : []))
            .ToList();

        var config = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var row in configTask.Result.Rows)
        {
            config[AsString(row[0])] = AsString(row[1]);
        }

        var instances = instancesTask.Result.Rows
            .Select(r => new InstanceCount(AsLong(r[0]), AsString(r[1]), (int)AsLong(r[2]), AsLong(r[3])))
            .ToList();

        return new GlobalSnapshot(schema, members, config, instances);
    }

    private static long AsLong(object? value) => value switch
    {
        null => 0,
        long l => l,
        double d => (long)d,
        string s when long.TryParse(s, CultureInfo.InvariantCulture, out var l) => l,
        _ => Convert.ToInt64(value, CultureInfo.InvariantCulture),
    };

    private static string AsString(object? value) => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";
}
