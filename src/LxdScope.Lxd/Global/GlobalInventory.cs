using LxdScope.Lxd.Api;

namespace LxdScope.Lxd.Global;

/// <summary>How much the cluster holds besides members and instances, and LXD's own warnings.</summary>
public sealed record GlobalInventory(long Images, long StoragePools, long Networks, IReadOnlyList<WarningCount> Warnings)
{
    /// <summary>Both queries go out together: each is a round trip through LXD to the database leader.</summary>
    public static async Task<GlobalInventory> ReadAsync(ISelectSource source, GlobalSchema schema, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(schema);
        var countsTask = source.SelectAsync(GlobalSchema.InventoryQuery, ct);
        var warningsTask = schema.WarningsQuery is { } query ? source.SelectAsync(query, ct) : Task.FromResult(new SqlResult([], []));
        await Task.WhenAll(countsTask, warningsTask);

        var counts = countsTask.Result;
        var row = counts.Rows.Count > 0 ? counts.Rows[0] : [0L, 0L, 0L];
        var warnings = warningsTask.Result.Rows
            .Select(w => new WarningCount(GlobalReader.AsLong(w[0]), GlobalReader.AsLong(w[1]), GlobalReader.AsLong(w[2])))
            .ToList();
        return new GlobalInventory(GlobalReader.AsLong(row[0]), GlobalReader.AsLong(row[1]), GlobalReader.AsLong(row[2]), warnings);
    }
}
