namespace LxdScope.Collector.State;

/// <summary>One member's fan capture: how much it saw and whether the kernel had to drop packets.</summary>
public sealed record FanCapture(string Member, string Interface, string LocalVtep, string Overlay, string Underlay, long Vni, int FanMtu, long Packets, long KernelDropped, long Evicted);
