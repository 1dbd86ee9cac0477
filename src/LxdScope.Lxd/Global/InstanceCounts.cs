namespace LxdScope.Lxd.Global;

/// <summary>Instances per member, project and type, from the global database.</summary>
public static class InstanceCounts
{
    public static async Task<IReadOnlyList<InstanceCount>> ReadAsync(ISelectSource source, GlobalSchema schema, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(schema);
        var result = await source.SelectAsync(schema.InstanceCountsQuery, ct);
        return result.Rows
            .Select(r => new InstanceCount(GlobalReader.AsLong(r[0]), GlobalReader.AsString(r[1]), (int)GlobalReader.AsLong(r[2]), GlobalReader.AsLong(r[3])))
            .ToList();
    }
}
