using LxdScope.Fan.Addressing;
using LxdScope.Fan.Correlation;

namespace LxdScope.Fan.Diagnosis;

/// <summary>One verdict for one pair of VTEPs, the lines of evidence behind it, and the counts it was judged on.</summary>
public sealed record PairDiagnosis(Ipv4Address Low, Ipv4Address High, FanVerdict Verdict, IReadOnlyList<string> Evidence, PairStats Stats);
