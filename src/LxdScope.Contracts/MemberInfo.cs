namespace LxdScope.Contracts;

/// <summary>A row of the global nodes table, with what LXD's API says of the member.</summary>
/// <param name="StateCode">nodes.state: 0 created, 1 pending, 2 evacuated (Incus: 3 evacuating, 4 restoring).</param>
/// <param name="Heartbeat">Written by the database leader.</param>
/// <param name="Roles">LXD's role names as lxc cluster list shows them.</param>
/// <param name="DatabaseRole">voter, stand-by, spare.</param>
/// <param name="Status">The API's status (Online, Offline, Evacuated, Blocked), if it answered.</param>
public sealed record MemberInfo(
    long Id,
    string Name,
    string Address,
    int StateCode,
    DateTimeOffset? Heartbeat,
    int Schema,
    int ApiExtensions,
    IReadOnlyList<string> Roles,
    string? DatabaseRole,
    string? Architecture,
    string? FailureDomain,
    string? Status,
    string? Message);
