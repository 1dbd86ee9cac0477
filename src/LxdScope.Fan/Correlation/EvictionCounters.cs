namespace LxdScope.Fan.Correlation;

/// <summary>Entries a full table could not keep: the traffic they belonged to is missing from the results.</summary>
public sealed class EvictionCounters
{
    public long PendingArp { get; internal set; }

    public long PendingEcho { get; internal set; }

    public long UnderlayPairs { get; internal set; }

    public long OverlayPairs { get; internal set; }

    /// <summary>Echo streams whose sequence could not be followed: their missing requests are not counted.</summary>
    public long EchoStreams { get; internal set; }

    public long Total => PendingArp + PendingEcho + UnderlayPairs + OverlayPairs + EchoStreams;
}
