namespace LxdScope.Lxd.Raft;

/// <summary>
/// Conversions between <see cref="RaftRole"/> and the two numberings found on disk.
/// </summary>
/// <remarks>
/// C raft (the raft log and snapshot .meta) uses standby=0, voter=1, spare=2:
/// canonical/dqlite src/raft.h, enum { RAFT_STANDBY, RAFT_VOTER, RAFT_SPARE }.
/// go-dqlite and LXD's raft_nodes.role use voter=0, stand-by=1, spare=2:
/// canonical/go-dqlite internal/protocol/constants.go. Mixing them up turns every
/// voter into a stand-by, so each source gets its own named conversion.
/// </remarks>
public static class RaftRoles
{
    /// <summary>Converts a role byte from the raft log or a snapshot .meta (C raft numbering).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not 0, 1 or 2.</exception>
    public static RaftRole FromCRaft(byte value) =>
        TryFromCRaft(value, out var role)
            ? role
            : throw new ArgumentOutOfRangeException(nameof(value), value, "C raft roles are 0 (standby), 1 (voter) and 2 (spare).");

    /// <summary>Converts a role byte from the raft log, without throwing.</summary>
    public static bool TryFromCRaft(byte value, out RaftRole role)
    {
        switch (value)
        {
            case 0:
                role = RaftRole.StandBy;
                return true;
            case 1:
                role = RaftRole.Voter;
                return true;
            case 2:
                role = RaftRole.Spare;
                return true;
            default:
                role = default;
                return false;
        }
    }

    /// <summary>Converts a go-dqlite role, as stored in LXD's local raft_nodes.role.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not 0, 1 or 2.</exception>
    public static RaftRole FromGoDqlite(long value) => value switch
    {
        0 => RaftRole.Voter,
        1 => RaftRole.StandBy,
        2 => RaftRole.Spare,
        _ => throw new ArgumentOutOfRangeException(nameof(value), value, "go-dqlite roles are 0 (voter), 1 (stand-by) and 2 (spare)."),
    };

    /// <summary>The role a name of <see cref="ToDisplay"/> stands for, or null for any other word.</summary>
    public static RaftRole? FromDisplay(string name) => name switch
    {
        "voter" => RaftRole.Voter,
        "stand-by" => RaftRole.StandBy,
        "spare" => RaftRole.Spare,
        _ => null,
    };

    /// <summary>The name LXD prints for the role (go-dqlite NodeRole.String()).</summary>
    public static string ToDisplay(this RaftRole role) => role switch
    {
        RaftRole.Voter => "voter",
        RaftRole.StandBy => "stand-by",
        RaftRole.Spare => "spare",
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "Unknown raft role."),
    };
}
