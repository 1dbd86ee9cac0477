namespace LxdScope.Contracts;

/// <summary>
/// The fan (VXLAN overlay) as this member sees it: a long-running libpcap capture of its underlay
/// (counts since the agent started) and the latest round of probes to the other members' fan bridges.
/// </summary>
/// <param name="Vni">The VNI the fan map expects (overlay network >> 8).</param>
/// <param name="KernelDropped">Packets libpcap reports the kernel dropped: the counts are incomplete when non-zero.</param>
/// <param name="Evicted">Entries full correlation tables could not keep.</param>
public sealed record FanSection(
    string Interface,
    string Overlay,
    string Underlay,
    long Vni,
    int FanMtu,
    string LocalVtep,
    long Packets,
    long KernelDropped,
    long Evicted,
    IReadOnlyList<FanPeer> Peers);
