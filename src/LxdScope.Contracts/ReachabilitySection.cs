namespace LxdScope.Contracts;

/// <summary>From this host to every member's cluster address: one row of the member×member matrix.</summary>
/// <param name="CertificateProblem">Why the peers' certificates could not be verified this cycle (cluster.crt unreadable), else null.</param>
public sealed record ReachabilitySection(IReadOnlyList<PeerProbe> Peers, string? CertificateProblem = null);
