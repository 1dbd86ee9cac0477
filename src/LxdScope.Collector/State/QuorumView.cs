namespace LxdScope.Collector.State;

/// <param name="Basis">How it was judged, in words.</param>
/// <param name="Judged">False when no agent can tell (none reports): quorum is then unknown, not lost, and no quorum metric is served.</param>
/// <param name="RecoverFrom">When quorum is lost: the member with the highest last raft entry (term, then index) among those agents report, the one to recover from.</param>
public sealed record QuorumView(
    int Voters,
    int VotersOnline,
    bool HasQuorum,
    int FailureTolerance,
    string? Leader,
    string Basis,
    IReadOnlyList<string> UnreachableVoters,
    string? RecoverFrom,
    bool Judged = true);
