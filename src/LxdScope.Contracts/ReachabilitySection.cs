namespace LxdScope.Contracts;

/// <summary>From this host to every member's cluster address: one row of the member×member matrix.</summary>
public sealed record ReachabilitySection(IReadOnlyList<PeerProbe> Peers);
