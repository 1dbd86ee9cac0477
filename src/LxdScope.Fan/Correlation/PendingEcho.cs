using LxdScope.Fan.Flows;

namespace LxdScope.Fan.Correlation;

/// <summary>An echo request waiting for its reply, or answered and kept until it expires to spot duplicate replies.</summary>
internal struct PendingEcho
{
    public long SentMicros;
    public Ipv4Flow Pair;
    public Ipv4Flow OverlayPair;
    public int Size;
    public bool Answered;
}
