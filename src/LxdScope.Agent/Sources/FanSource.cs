using LxdScope.Agent.Fan;
using LxdScope.Contracts;
using LxdScope.Fan.Addressing;
using LxdScope.Lxd.Api;
using LxdScope.Lxd.Network;

namespace LxdScope.Agent.Sources;

/// <summary>
/// Snapshots the fan monitor (underlay capture and bridge probes) into the report. The fan is LXD's own
/// (<see cref="FanResolver"/>), read from LXD's network configuration until one is found, at most once a
/// minute; the capture is then a long-running service started once, and this source never waits on
/// the network. It runs after the database sources so it knows the members, whose addresses become
/// the peers. No fan network in LXD and none configured: the source succeeds with nothing to report.
/// </summary>
internal sealed class FanSource(FanSettings settings, Func<IReadOnlyList<HostInterface>>? interfaces = null) : IAgentSource
{
    private static readonly TimeSpan LookAgain = TimeSpan.FromMinutes(1);
    private readonly Func<IReadOnlyList<HostInterface>> _interfaces = interfaces ?? HostInterface.ReadAll;
    private FanMonitor? _monitor;
    private FanResolution? _resolution;
    private DateTimeOffset _lookedAt = DateTimeOffset.MinValue;

    public string Name => "fan";

    public async Task CollectAsync(CollectionContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (_monitor is null)
        {
            var now = context.Clock.GetUtcNow();
            if (now - _lookedAt < LookAgain)
            {
                return;
            }

            var networks = settings.Complete ? null : await context.Client.GetNetworksAsync(ct);
            var resolution = FanResolver.Resolve(settings, networks, _interfaces());
            if (resolution.Options is not { } options)
            {
                _lookedAt = now;
                return;
            }

            // The monitor lives as long as the agent process: its capture is the long-running part.
            var monitor = new FanMonitor(options);
            monitor.Start();
            (_monitor, _resolution) = (monitor, resolution);
        }

        var members = new List<(string? Name, Ipv4Address Address)>();
        foreach (var (name, address) in context.KnownMembers())
        {
            if (TcpProbe.TrySplit(address, out var host, out _) && Ipv4Address.TryParse(host, out var ip) && _monitor.Map.Underlay.Contains(ip))
            {
                members.Add((name, ip));
            }
        }

        // This host's VTEP: its address on the underlay, as the fan uses it; else its member's address there.
        var member = members.FirstOrDefault(m => m.Name is not null && m.Name == context.MemberName);
        var local = _resolution?.LocalVtep ?? (member.Name is not null ? member.Address : (Ipv4Address?)null)
            ?? throw new InvalidOperationException($"this member's underlay address is unknown: no interface of this host and no member named '{context.MemberName}' has an address in {_monitor.Map.Underlay}");
        _monitor.SetPeers(members.Where(m => m.Address != local).Select(m => m.Address));
        context.Fan = FanSectionBuilder.Build(_monitor, _monitor.Snapshot(), local, members);
    }
}
