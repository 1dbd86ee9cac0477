namespace LxdScope.Collector.Metrics;

/// <summary>What the cluster database holds: instances, images, pools, networks and LXD's warnings.</summary>
internal static class InventoryMetrics
{
    public static IReadOnlyList<ClusterFamily> Families { get; } =
    [
        ClusterFamily.Gauge("lxdscope_instances", "Instances per member, project, type and status (status unknown where no agent runs).", ["cluster", "member", "project", "type", "status"], static (c, w) =>
        {
            foreach (var i in c.Status.Inventory?.Instances ?? [])
            {
                w.Sample(i.Count, c.Name, i.Member, i.Project, i.Type, i.Status);
            }
        }),
        ClusterFamily.PerCluster("lxdscope_cluster_images", "Images in the cluster database.", c => c.Status.Inventory?.Images),
        ClusterFamily.PerCluster("lxdscope_cluster_storage_pools", "Storage pools in the cluster database.", c => c.Status.Inventory?.StoragePools),
        ClusterFamily.PerCluster("lxdscope_cluster_networks", "Networks in the cluster database.", c => c.Status.Inventory?.Networks),
        ClusterFamily.Gauge("lxdscope_lxd_warnings", "LXD's own warnings by type code and status.", ["cluster", "type", "status"], static (c, w) =>
        {
            foreach (var x in c.Status.Inventory?.LxdWarnings ?? [])
            {
                w.Sample(x.Count, c.Name, x.Type, x.Status);
            }
        }),
    ];
}
