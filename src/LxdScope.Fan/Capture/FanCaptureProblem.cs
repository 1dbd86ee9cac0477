namespace LxdScope.Fan.Capture;

public enum FanCaptureProblem
{
    Missing,
    NotACapture,
    /// <summary>The file ended inside a packet record.</summary>
    Truncated,
    /// <summary>libpcap could not open or read a device.</summary>
    Device,
}
