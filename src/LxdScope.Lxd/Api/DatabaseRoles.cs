using LxdScope.Lxd.Raft;

namespace LxdScope.Lxd.Api;

/// <summary>
/// What a member's entry in the members API says about its database role, on every generation
/// (docs/generations.md): before 3.18 only the <c>database</c> boolean, true for the members in
/// raft_nodes, which were all voters; from 3.18 the <c>roles</c> list, where "database" (renamed
/// "database-voter" in 6.7) and "database-leader" mean voter and "database-standby" stand-by.
/// </summary>
public static class DatabaseRoles
{
    public const string Voter = "database";
    public const string VoterFrom67 = "database-voter";
    public const string Leader = "database-leader";
    public const string StandBy = "database-standby";

    /// <summary>Every role name LXD or Incus is known to report; anything else is named in a warning.</summary>
    public static readonly IReadOnlySet<string> Known = new HashSet<string>(StringComparer.Ordinal)
    {
        Voter, VoterFrom67, Leader, StandBy, "event-hub", "ovn-chassis", "control-plane", "database-client",
    };

    /// <summary>
    /// The raft role the answer implies, or null when it cannot tell: <c>database</c> is true but
    /// no database role it lists is one LxdScope knows. Null is never read as spare: the caller
    /// falls back to the raft configuration.
    /// </summary>
    public static RaftRole? Of(ClusterMember member)
    {
        ArgumentNullException.ThrowIfNull(member);
        if (member.Roles is not { } roles)
        {
            return member.Database ? RaftRole.Voter : RaftRole.Spare;
        }

        if (roles.Contains(Leader) || roles.Contains(Voter) || roles.Contains(VoterFrom67))
        {
            return RaftRole.Voter;
        }

        if (roles.Contains(StandBy))
        {
            return RaftRole.StandBy;
        }

        return member.Database ? null : RaftRole.Spare;
    }

    /// <summary>The role names shown for a member whose answer had none (before 3.18), as later LXD would list them.</summary>
    public static IReadOnlyList<string> Implied(RaftRole? role) => role switch
    {
        RaftRole.Voter => [Voter],
        RaftRole.StandBy => [StandBy],
        _ => [],
    };
}
