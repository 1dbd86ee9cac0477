namespace LxdScope.Fan.Correlation;

/// <summary>Timeouts and table sizes that keep the correlator's memory bounded whatever the traffic.</summary>
public sealed record CorrelatorLimits
{
    /// <summary>An ARP request with no reply after this long is unanswered (Linux retries every second).</summary>
    public TimeSpan ArpTimeout { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>An echo request with no reply after this long is lost.</summary>
    public TimeSpan EchoTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Copies of one request seen within this window are the VTEP flooding it, not a retry.</summary>
    public TimeSpan FloodWindow { get; init; } = TimeSpan.FromMilliseconds(20);

    public int MaxPendingArp { get; init; } = 16_384;

    public int MaxPendingEcho { get; init; } = 65_536;

    public int MaxUnderlayPairs { get; init; } = 4_096;

    public int MaxOverlayPairs { get; init; } = 16_384;

    public int MaxEchoStreams { get; init; } = 16_384;

    /// <summary>
    /// A jump in an echo stream's sequence up to this size is requests lost before the capture point;
    /// a larger one is a new pinger reusing the identifier (ping restarts at 1), not loss.
    /// </summary>
    public int MaxSequenceGap { get; init; } = 1_024;

    /// <summary>A stream with no request for this long is forgotten (its next request starts it afresh).</summary>
    public TimeSpan EchoStreamIdle { get; init; } = TimeSpan.FromSeconds(60);
}
