using LxdScope.Fan.Addressing;
using LxdScope.Fan.Correlation;

namespace LxdScope.Fan.Diagnosis;

/// <summary>
/// One pair of VTEPs judged: the headline <paramref name="Verdict"/>, every finding in order of precedence
/// (the headline's first, empty when healthy), all lines of evidence, and the counts it was judged on.
/// </summary>
public sealed record PairDiagnosis(
    Ipv4Address Low, Ipv4Address High, FanVerdict Verdict, IReadOnlyList<string> Evidence, PairStats Stats, IReadOnlyList<FanFinding> Findings)
{
    /// <summary>The findings after the headline.</summary>
    public IEnumerable<FanVerdict> Secondary => Findings.Skip(1).Select(f => f.Verdict);
}
