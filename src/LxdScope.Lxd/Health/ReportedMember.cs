using LxdScope.Lxd.Api;
using LxdScope.Lxd.Raft;

namespace LxdScope.Lxd.Health;

/// <summary>What the members API said of one member, already read generation by generation.</summary>
/// <param name="Roles">The role names as the API listed them, or as later LXD would list them when it had none (before 3.18).</param>
/// <param name="DatabaseRole">Null when the answer does not tell (see <see cref="DatabaseRoles.Of"/>).</param>
/// <param name="Status">LXD's status word (Online, Offline, Evacuated, Blocked, …), as it wrote it.</param>
public sealed record ReportedMember(
    string Name,
    string Address,
    IReadOnlyList<string> Roles,
    RaftRole? DatabaseRole,
    string Status,
    string Message)
{
    public bool IsLeader => Roles.Contains(DatabaseRoles.Leader);

    public static ReportedMember From(ClusterMember member)
    {
        ArgumentNullException.ThrowIfNull(member);
        var role = DatabaseRoles.Of(member);
        return new(member.Name, member.Address, member.Roles ?? DatabaseRoles.Implied(role), role, member.Status, member.Message);
    }
}
