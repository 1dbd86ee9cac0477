using LxdScope.Contracts;
using LxdScope.Lxd;
using LxdScope.Lxd.Api;
using LxdScope.Lxd.Global;
using LxdScope.Lxd.Health;
using LxdScope.Lxd.Raft;

namespace LxdScope.Agent.Sources;

/// <summary>
/// The cluster database through LXD's socket (members, heartbeats, offline threshold, instance
/// counts, inventory, warnings) and LXD's members API (roles, status, leader). Fails when LXD
/// or its quorum is gone; the other sources still report.
/// </summary>
internal sealed class GlobalDatabaseSource : IAgentSource
{
    public string Name => "global";

    public async Task CollectAsync(CollectionContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        var client = context.Client;
        var serverTask = client.GetServerAsync(ct);
        var membersTask = client.GetMembersAsync(ct);
        var source = new SocketSelectSource(client);
        var server = await serverTask;
        var product = server.Product == LxdProduct.Unknown ? context.Directory.ProductFromPath : server.Product;
        var global = await GlobalReader.ReadAsync(source, product, ct);
        var instancesTask = InstanceCounts.ReadAsync(source, global.Schema, ct);
        var inventoryTask = GlobalInventory.ReadAsync(source, global.Schema, ct);
        await Task.WhenAll(instancesTask, inventoryTask);
        var (instances, inventory) = (instancesTask.Result, inventoryTask.Result);
        IReadOnlyList<ClusterMember> api = server.Clustered ? await membersTask : [];
        context.Member ??= server.ServerName;

        var apiByName = api.ToDictionary(m => m.Name, StringComparer.Ordinal);
        var names = global.Members.ToDictionary(m => m.Id, m => m.Name);
        context.Global = new GlobalDatabaseSection(
            product.ToString().ToLowerInvariant(),
            server.Version,
            global.Schema.Version,
            global.OfflineThreshold.TotalSeconds,
            api.FirstOrDefault(m => m.IsLeader)?.Name,
            global.Members.Select(m =>
            {
                var a = apiByName.TryGetValue(m.Name, out var member) ? ReportedMember.From(member) : null;
                return new MemberInfo(
                    m.Id, m.Name, m.Address, m.StateCode, m.Heartbeat, m.Schema, m.ApiExtensions,
                    a?.Roles ?? m.Roles,
                    a?.DatabaseRole?.ToDisplay(),
                    member?.Architecture, member?.FailureDomain ?? m.FailureDomain, a?.Status, a?.Message);
            }).ToList(),
            instances.Select(i => new InstanceCountInfo(
                names.TryGetValue(i.MemberId, out var n) ? n : $"node-{i.MemberId}", i.Project, i.TypeName, i.Count)).ToList(),
            (int)inventory.Images,
            (int)inventory.StoragePools,
            (int)inventory.Networks,
            inventory.Warnings.Select(w => new WarningCountInfo(w.TypeCode.ToString(System.Globalization.CultureInfo.InvariantCulture), w.StatusName, w.Count)).ToList());
    }
}
