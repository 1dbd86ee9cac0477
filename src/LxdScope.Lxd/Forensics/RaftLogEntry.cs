using LxdScope.Lxd.Raft;

namespace LxdScope.Lxd.Forensics;

/// <summary>One line of the raft log timeline: an entry, or a snapshot where it was taken.</summary>
/// <param name="Index">The entry's index (a snapshot's: the last index it covers).</param>
/// <param name="Term">The entry's term.</param>
/// <param name="Kind">What it is.</param>
public sealed record RaftLogEntry(ulong Index, ulong Term, RaftLogEntryKind Kind)
{
    /// <summary>The dqlite database the command is about ("db.bin" is LXD's and Incus's global database); null for raft's own entries.</summary>
    public string? Database { get; init; }

    /// <summary>The dqlite transaction id of FRAMES and UNDO, else 0.</summary>
    public ulong TxId { get; init; }

    /// <summary>Pages written: by this entry's frames, or for a commit by the whole transaction.</summary>
    public int Pages { get; init; }

    /// <summary>For a commit: the tables it changed, by name.</summary>
    public IReadOnlyList<TableChange> Tables { get; init; } = [];

    /// <summary>For a configuration change or a snapshot: the membership from then on.</summary>
    public RaftConfiguration? Membership { get; init; }

    /// <summary>For a configuration change: who joined, left or changed role.</summary>
    public IReadOnlyList<MembershipChange> MembershipChanges { get; init; } = [];

    /// <summary>For a configuration change: the members' names by cluster address, as the nodes table held them then.</summary>
    public IReadOnlyDictionary<string, string> MemberNames { get; init; } = new Dictionary<string, string>();

    /// <summary>What else the operator should know about this line (a snapshot's file, why rows are not known).</summary>
    public string? Note { get; init; }
}
