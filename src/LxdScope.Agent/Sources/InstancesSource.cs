using LxdScope.Contracts;

namespace LxdScope.Agent.Sources;

/// <summary>
/// Instances on this member (state from the local API) and LXD's own /1.0/metrics for them, which
/// the collector re-exports with cluster and member labels for the containers dashboard.
/// </summary>
internal sealed class InstancesSource(int maxMetricsBytes) : IAgentSource
{
    public string Name => "instances";

    public async Task CollectAsync(CollectionContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        var serverTask = context.Client.GetServerAsync(ct);
        var instancesTask = context.Client.GetInstancesAsync(ct);
        var metricsTask = context.Client.GetMetricsTextAsync(maxMetricsBytes, ct);
        var server = await serverTask;
        var me = server.ServerName;
        var all = await instancesTask;
        // A standalone LXD has no locations: everything is here.
        var mine = all.Where(i => !server.Clustered || string.Equals(i.Location, me, StringComparison.Ordinal))
            .Select(i => new InstanceInfo(i.Name, i.Project, i.Type, i.Status))
            .ToList();
        context.Instances = new InstancesSection(mine, await metricsTask);
    }
}
