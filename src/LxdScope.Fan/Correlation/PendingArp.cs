using LxdScope.Fan.Addressing;
using LxdScope.Fan.Flows;

namespace LxdScope.Fan.Correlation;

/// <summary>An ARP request waiting for its reply; <c>Pair</c> runs from the asking VTEP to the owner of the target.</summary>
internal struct PendingArp
{
    public long FirstMicros;
    public long LastMicros;
    public Ipv4Flow Pair;
    public Ipv4Address Sender;
}
