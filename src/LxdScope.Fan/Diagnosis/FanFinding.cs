namespace LxdScope.Fan.Diagnosis;

/// <summary>One thing wrong with a pair, with the lines of evidence behind it.</summary>
public sealed record FanFinding(FanVerdict Verdict, IReadOnlyList<string> Evidence);
