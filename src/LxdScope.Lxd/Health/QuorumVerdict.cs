namespace LxdScope.Lxd.Health;

/// <param name="Basis">How liveness was judged, in words.</param>
/// <param name="Unreachable">Voters that every observer failed to reach.</param>
/// <param name="RecoverFrom">When quorum is lost: the member with the highest last raft entry (term, then index).</param>
/// <param name="Judged">False when nothing can tell (no database, no probes): quorum unknown, not lost.</param>
public sealed record QuorumVerdict(
    int Voters,
    int VotersAlive,
    bool HasQuorum,
    int FailureTolerance,
    string? Leader,
    string Basis,
    IReadOnlyList<string> Unreachable,
    string? RecoverFrom,
    bool Judged);
