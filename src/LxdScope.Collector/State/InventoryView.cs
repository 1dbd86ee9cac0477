using LxdScope.Contracts;

namespace LxdScope.Collector.State;

/// <param name="Instances">Per member, project, type and status: agents' own views of their members, the global counts (status "unknown") for members without an agent.</param>
public sealed record InventoryView(
    IReadOnlyList<InstanceCountView> Instances,
    int Images,
    int StoragePools,
    int Networks,
    IReadOnlyList<WarningCountInfo> LxdWarnings);
