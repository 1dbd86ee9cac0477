namespace LxdScope.Lxd.Inspection;

/// <param name="State">ONLINE, OFFLINE, EVACUATED, BLOCKED, PENDING (from the database), or REACHABLE / UNREACHABLE (when only probes can tell).</param>
/// <param name="DatabaseRole">voter, stand-by or spare; null when unknown.</param>
/// <param name="Reachable">Whether this host could open a TCP connection to the member's address; null if not probed.</param>
public sealed record MemberReport(
    string Name,
    string Address,
    IReadOnlyList<string> Roles,
    string State,
    string Message,
    double? HeartbeatAgeSeconds,
    DateTimeOffset? Heartbeat,
    string? DatabaseRole,
    bool? Reachable,
    double? ConnectMilliseconds,
    int? Schema,
    int? ApiExtensions,
    string? Architecture,
    string? FailureDomain);
