namespace LxdScope.Fan.Capture;

/// <summary>libpcap's counters for a live capture: what the kernel handed over and what it had to drop.</summary>
public sealed record CaptureStatistics(string Interface, long Received, long Dropped, long InterfaceDropped);
