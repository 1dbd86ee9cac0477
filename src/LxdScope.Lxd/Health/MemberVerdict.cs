using LxdScope.Lxd.Global;
using LxdScope.Lxd.Raft;

namespace LxdScope.Lxd.Health;

/// <param name="DatabaseRole">Null when nothing known tells (never guessed as spare).</param>
/// <param name="LxdStatus">The status the members API gave when it is not one LxdScope knows: then shown as given.</param>
/// <param name="Row">The member's row of the global nodes table, when known.</param>
/// <param name="Disagreements">Where raft_nodes copies disagree with the cluster about this member's copy.</param>
public sealed record MemberVerdict(
    string Name,
    string Address,
    RaftRole? DatabaseRole,
    IReadOnlyList<string> Roles,
    MemberState State,
    string? LxdStatus,
    string Message,
    TimeSpan? HeartbeatAge,
    bool Alive,
    bool? Reachable,
    GlobalMember? Row,
    IReadOnlyList<string> Disagreements)
{
    /// <summary>The state as the JSON, the tables and the metrics write it: ONLINE, OFFLINE, …, or LXD's own word for one LxdScope does not know.</summary>
    public string StateName => LxdStatus?.ToUpperInvariant() ?? State.ToWire();
}
