namespace LxdScope.Contracts;

/// <summary>The cluster database, read live through LXD's socket, plus what LXD's API says of its members.</summary>
/// <param name="Product">lxd or incus.</param>
/// <param name="Leader">Name of the database leader (from the members API), if any.</param>
public sealed record GlobalDatabaseSection(
    string Product,
    string ServerVersion,
    int Schema,
    double OfflineThresholdSeconds,
    string? Leader,
    IReadOnlyList<MemberInfo> Members,
    IReadOnlyList<InstanceCountInfo> Instances,
    int Images,
    int StoragePools,
    int Networks,
    IReadOnlyList<WarningCountInfo> Warnings);
