using LxdScope.Collector.State;

namespace LxdScope.Collector.Metrics;

/// <summary>What the cluster database holds: instances, images, pools, networks and LXD's warnings.</summary>
internal sealed class InventoryMetrics(SeriesSets series)
{
    private readonly SeriesSet instances = series.Gauge("lxdscope_instances", "Instances per member, project, type and status (status unknown where no agent runs).", "cluster", "member", "project", "type", "status");
    private readonly SeriesSet images = series.Gauge("lxdscope_cluster_images", "Images in the cluster database.", "cluster");
    private readonly SeriesSet storagePools = series.Gauge("lxdscope_cluster_storage_pools", "Storage pools in the cluster database.", "cluster");
    private readonly SeriesSet networks = series.Gauge("lxdscope_cluster_networks", "Networks in the cluster database.", "cluster");
    private readonly SeriesSet lxdWarnings = series.Gauge("lxdscope_lxd_warnings", "LXD's own warnings by type code and status.", "cluster", "type", "status");

    public void Update(ClusterStatus status)
    {
        var c = status.Name;
        if (status.Inventory is not { } inv)
        {
            return;
        }

        foreach (var i in inv.Instances)
        {
            instances.Set(i.Count, c, i.Member, i.Project, i.Type, i.Status);
        }

        images.Set(inv.Images, c);
        storagePools.Set(inv.StoragePools, c);
        networks.Set(inv.Networks, c);
        foreach (var w in inv.LxdWarnings)
        {
            lxdWarnings.Set(w.Count, c, w.Type, w.Status);
        }
    }
}
