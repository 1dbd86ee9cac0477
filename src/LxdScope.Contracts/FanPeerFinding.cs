namespace LxdScope.Contracts;

/// <summary>One thing found wrong between this member and the peer, with the lines of evidence behind it.</summary>
/// <param name="Verdict">A verdict name of docs/fan.md (partial-loss, duplicate-replies …).</param>
public sealed record FanPeerFinding(string Verdict, IReadOnlyList<string> Evidence);
