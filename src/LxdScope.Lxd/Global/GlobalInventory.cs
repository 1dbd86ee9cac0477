using System.Globalization;

namespace LxdScope.Lxd.Global;

/// <summary>How much the cluster holds besides members and instances, and LXD's own warnings.</summary>
public sealed record GlobalInventory(long Images, long StoragePools, long Networks, IReadOnlyList<WarningCount> Warnings)
{
    public static async Task<GlobalInventory> ReadAsync(ISelectSource source, GlobalSchema schema, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(schema);
        var counts = await source.SelectAsync(GlobalSchema.InventoryQuery, ct);
        var row = counts.Rows.Count > 0 ? counts.Rows[0] : [0L, 0L, 0L];
        var warnings = new List<WarningCount>();
        if (schema.WarningsQuery is { } query)
        {
            foreach (var w in (await source.SelectAsync(query, ct)).Rows)
            {
                warnings.Add(new WarningCount(Long(w[0]), Long(w[1]), Long(w[2])));
            }
        }

        return new GlobalInventory(Long(row[0]), Long(row[1]), Long(row[2]), warnings);
    }

    private static long Long(object? v) => Convert.ToInt64(v ?? 0L, CultureInfo.InvariantCulture);
}
