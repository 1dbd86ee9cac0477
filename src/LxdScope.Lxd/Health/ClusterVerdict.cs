namespace LxdScope.Lxd.Health;

/// <param name="Warnings">In the order an operator should read them: quorum first.</param>
public sealed record ClusterVerdict(IReadOnlyList<MemberVerdict> Members, QuorumVerdict Quorum, IReadOnlyList<string> Warnings);
