namespace LxdScope.Lxd.Api;

/// <summary>One network of <c>GET /1.0/networks?recursion=1</c> (default project), with its configuration as this member sees it.</summary>
/// <param name="Type">bridge, macvlan, physical, loopback …</param>
/// <param name="Managed">Created by LXD (only managed networks carry LXD's configuration).</param>
public sealed record NetworkSummary(string Name, string Type, bool Managed, IReadOnlyDictionary<string, string> Config);
