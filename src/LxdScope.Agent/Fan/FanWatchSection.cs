using System.Globalization;
using LxdScope.Fan.Addressing;
using LxdScope.Fan.Diagnosis;
using LxdScope.Fan.Mapping;

namespace LxdScope.Agent.Fan;

/// <summary>
/// Configuration section <c>Agent:Fan</c>, as bound: whether the fan watch runs, and the values
/// that override LXD's fan network. <see cref="ToSettings"/> gives what the fan source uses.
/// </summary>
internal sealed class FanWatchSection
{
    /// <summary>false: the fan source does not run. Default true.</summary>
    public string? Enabled { get; set; }

    public string? Interface { get; set; }

    public string? Underlay { get; set; }

    public string? Overlay { get; set; }

    public string? UnderlayMtu { get; set; }

    /// <summary>The VXLAN UDP port. Default 8472.</summary>
    public string? Port { get; set; }

    /// <summary>Default: the collection interval.</summary>
    public string? ProbeInterval { get; set; }

    /// <summary>Default true.</summary>
    public string? MtuProbe { get; set; }

    /// <summary>In percent ("0.5", "2%"). Default <see cref="FanThresholds.LossRate"/>.</summary>
    public string? LossThreshold { get; set; }

    internal void Validate(List<string> failures, TimeSpan interval)
    {
        ConfigValue.CheckBoolean(failures, "Agent:Fan:Enabled", Enabled);
        if (!ConfigValue.TryBoolean(Enabled, true, out var enabled) || !enabled)
        {
            return; // off: the rest is not used
        }

        ConfigValue.CheckBoolean(failures, "Agent:Fan:MtuProbe", MtuProbe);
        ConfigValue.CheckDuration(failures, "Agent:Fan:ProbeInterval", ProbeInterval);
        try
        {
            var settings = Parse(interval);
            if (settings.Thresholds.Problem() is { } problem)
            {
                failures.Add($"Agent:Fan:LossThreshold: {problem}.");
            }

            // What is given must map on its own (a /16 or /24 underlay, an overlay that fits).
            if (settings.Underlay is { } underlay)
            {
                _ = new FanMap(settings.Overlay ?? Ipv4Subnet.Parse(FanResolver.DefaultOverlay), underlay, settings.UnderlayMtu ?? 1500);
            }
        }
        catch (Exception e) when (e is FormatException or ArgumentException or OverflowException)
        {
            failures.Add($"Agent:Fan: {e.Message}");
        }
        catch (InvalidOperationException)
        {
            // A value already refused above.
        }
    }

    /// <summary>The fan watch's settings, or null when it is switched off. Validated first.</summary>
    internal FanSettings? ToSettings(TimeSpan interval) => ConfigValue.Boolean(Enabled, true) ? Parse(interval) : null;

    private FanSettings Parse(TimeSpan interval) => new()
    {
        Interface = ConfigValue.Optional(Interface),
        Underlay = ConfigValue.IsSet(Underlay) ? Ipv4Subnet.Parse(Underlay!.Trim()) : null,
        Overlay = ConfigValue.IsSet(Overlay) ? Ipv4Subnet.Parse(Overlay!.Trim()) : null,
        UnderlayMtu = ConfigValue.IsSet(UnderlayMtu) ? int.Parse(UnderlayMtu!, CultureInfo.InvariantCulture) : null,
        Port = ConfigValue.IsSet(Port) ? ushort.Parse(Port!, CultureInfo.InvariantCulture) : (ushort)8472,
        ProbeInterval = ConfigValue.Duration(ProbeInterval, interval),
        MtuProbe = ConfigValue.Boolean(MtuProbe, true),
        Thresholds = new FanThresholds
        {
            LossRate = ConfigValue.IsSet(LossThreshold)
                ? double.Parse(LossThreshold!.TrimEnd('%', ' '), NumberStyles.Float, CultureInfo.InvariantCulture) / 100
                : new FanThresholds().LossRate,
        },
    };
}
