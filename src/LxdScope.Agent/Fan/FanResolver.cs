using System.Globalization;
using LxdScope.Fan.Addressing;
using LxdScope.Lxd.Api;

namespace LxdScope.Agent.Fan;

/// <summary>
/// Derives the fan from LXD's own network configuration, as LXD sets the fan up: the managed bridge with
/// <c>bridge.mode=fan</c>; <c>fan.underlay_subnet</c>; <c>fan.overlay_subnet</c> (default 240.0.0.0/8);
/// the underlay interface is the one holding an address in the underlay; the fan MTU is
/// <c>bridge.mtu</c> when set, else the underlay interface's MTU − 50. Agent:Fan settings override each.
/// </summary>
internal static class FanResolver
{
    public const string DefaultOverlay = "240.0.0.0/8";

    /// <param name="networks">LXD's networks; null when LXD was not asked (the settings are complete).</param>
    /// <exception cref="InvalidOperationException">The fan cannot be watched; the message says why and which setting would help.</exception>
    public static FanResolution Resolve(FanSettings settings, IReadOnlyList<NetworkSummary>? networks, IReadOnlyList<HostInterface> interfaces)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(interfaces);
        var fan = networks?.FirstOrDefault(n => n.Managed && n.Type == "bridge" && n.Config.GetValueOrDefault("bridge.mode") == "fan");
        if (fan is null && !settings.Complete)
        {
            if (settings.Interface is null && settings.Underlay is null && settings.Overlay is null)
            {
                return new FanResolution(null, null, null);
            }

            throw new InvalidOperationException("LXD has no fan network (bridge.mode=fan) and Agent:Fan names no Interface and Underlay to watch instead.");
        }

        if (fan is not null && fan.Config.GetValueOrDefault("fan.type") == "ipip")
        {
            throw new InvalidOperationException($"LXD's fan network {fan.Name} uses fan.type=ipip: there is no VXLAN to capture.");
        }

        var underlay = settings.Underlay ?? Subnet(fan!, "fan.underlay_subnet", null);
        var overlay = settings.Overlay ?? (fan is null ? Ipv4Subnet.Parse(DefaultOverlay) : Subnet(fan, "fan.overlay_subnet", DefaultOverlay));
        var onUnderlay = interfaces.Where(i => underlay.Contains(i.Address)).ToList();
        var name = settings.Interface ?? onUnderlay.FirstOrDefault()?.Name
            ?? throw new InvalidOperationException($"no interface of this host has an address in the fan's underlay {underlay}; set Agent:Fan:Interface");
        var local = onUnderlay.FirstOrDefault(i => i.Name == name);
        var underlayMtu = settings.UnderlayMtu
            ?? (fan?.Config.GetValueOrDefault("bridge.mtu") is { Length: > 0 } mtu
                ? (int.TryParse(mtu, NumberStyles.None, CultureInfo.InvariantCulture, out var bridgeMtu) ? bridgeMtu + 50 : throw new InvalidOperationException($"LXD's fan network {fan.Name} has bridge.mtu '{mtu}', not a number"))
                : local is { Mtu: > 0 } ? local.Mtu : 1500);
        var options = new FanMonitorOptions
        {
            Interface = name,
            Underlay = underlay,
            Overlay = overlay,
            UnderlayMtu = underlayMtu,
            Port = settings.Port,
            ProbeInterval = settings.ProbeInterval,
            ProbeCount = settings.ProbeCount,
            MtuProbe = settings.MtuProbe,
            Thresholds = settings.Thresholds,
        };
        try
        {
            _ = new LxdScope.Fan.Mapping.FanMap(options.Overlay, options.Underlay, options.UnderlayMtu);
        }
        catch (ArgumentException e)
        {
            throw new InvalidOperationException($"the fan {overlay} over {underlay}{(fan is null ? "" : $" (LXD's {fan.Name})")} cannot be mapped: {e.Message}", e);
        }

        return new FanResolution(options, fan?.Name, local?.Address);
    }

    private static Ipv4Subnet Subnet(NetworkSummary fan, string key, string? fallback)
    {
        var text = fan.Config.GetValueOrDefault(key) is { Length: > 0 } v ? v : fallback;
        if (text is null || text == "auto")
        {
            throw new InvalidOperationException($"LXD's fan network {fan.Name} has {key} '{text ?? ""}'; set Agent:Fan:Underlay");
        }

        try
        {
            return Ipv4Subnet.Parse(text);
        }
        catch (FormatException e)
        {
            throw new InvalidOperationException($"LXD's fan network {fan.Name} has {key} '{text}': {e.Message}", e);
        }
    }
}
