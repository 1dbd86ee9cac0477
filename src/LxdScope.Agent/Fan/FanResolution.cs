using LxdScope.Fan.Addressing;

namespace LxdScope.Agent.Fan;

/// <summary>
/// The fan to watch, as LXD configures it with the agent's overrides applied: the options, LXD's network
/// it came from (null when the settings alone gave it), this host's address on the underlay (null when no
/// interface holds one); or no fan at all (<see cref="Options"/> null).
/// </summary>
internal sealed record FanResolution(FanMonitorOptions? Options, string? Network, Ipv4Address? LocalVtep);
