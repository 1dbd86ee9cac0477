namespace LxdScope.Lxd.Health;

/// <summary>
/// A member's state as <c>lxc cluster list</c> would show it, plus what an outsider can tell
/// when the cluster database cannot be read: reachable, unreachable, or not known at all.
/// </summary>
public enum MemberState
{
    Online,
    Offline,
    Evacuated,
    Evacuating,
    Restoring,
    Blocked,
    Pending,

    /// <summary>Database unreadable; the member's cluster port accepts connections.</summary>
    Reachable,

    /// <summary>Database unreadable; the member's cluster port does not accept connections.</summary>
    Unreachable,

    /// <summary>Database unreadable and nobody probed the member.</summary>
    Unknown,
}
