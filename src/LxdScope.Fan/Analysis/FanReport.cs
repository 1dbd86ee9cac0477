using LxdScope.Fan.Addressing;
using LxdScope.Fan.Correlation;
using LxdScope.Fan.Decoding;
using LxdScope.Fan.Diagnosis;
using LxdScope.Fan.Mapping;

namespace LxdScope.Fan.Analysis;

/// <summary>
/// The result of analysing a capture: the fan map used, a verdict per VTEP pair, the overlay pairs,
/// and every frame accounted for (decode outcomes, evictions, requests still in flight).
/// </summary>
public sealed record FanReport(
    FanMap? Map,
    bool UnderlayInferred,
    Ipv4Address? LocalVtep,
    IReadOnlyList<PairDiagnosis> Pairs,
    IReadOnlyList<PairStats> OverlayPairs,
    DecodeCounters Decode,
    EvictionCounters Evicted,
    long UnmatchedArpReplies,
    long UnmatchedEchoReplies,
    long InFlightAtEnd,
    long FirstMicros,
    long LastMicros)
{
    public long VxlanPackets => Decode.Vxlan;
}
