using System.Net;
using LxdScope.Agent.Fan;
using LxdScope.Contracts;
using LxdScope.Fan.Addressing;
using LxdScope.Lxd.Network;

namespace LxdScope.Agent.Collectors;

/// <summary>
/// Snapshots the fan monitor (underlay capture and bridge probes) into the report. The capture is a
/// long-running service started on the first cycle; this collector never waits on the network. It
/// runs after the database collectors so it knows the members, whose addresses become the peers.
/// </summary>
public sealed class FanCollector(FanMonitor monitor) : IAgentCollector
{
    public string Name => "fan";

    public Task CollectAsync(CollectionContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        monitor.Start();
        var members = new List<(string? Name, Ipv4Address Address)>();
        foreach (var (name, address) in context.KnownMembers())
        {
            if (TcpProbe.TrySplit(address, out var host, out _) && Ipv4Address.TryParse(host, out var ip) && monitor.Map.Underlay.Contains(ip))
            {
                members.Add((name, ip));
            }
        }

        var local = members.FirstOrDefault(m => m.Name is not null && m.Name == context.Member);
        if (local.Name is null)
        {
            throw new InvalidOperationException($"this member's underlay address is unknown: no member named '{context.Member}' has an address in {monitor.Map.Underlay}");
        }

        monitor.SetPeers(members.Where(m => m.Address != local.Address).Select(m => m.Address));
        context.Fan = FanSectionBuilder.Build(monitor, monitor.Snapshot(), local.Address, members);
        return Task.CompletedTask;
    }
}
