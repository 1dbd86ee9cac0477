namespace LxdScope.Lxd.Raft;

/// <summary>
/// The role of a member in the raft configuration.
/// </summary>
/// <remarks>
/// The numeric values of this enum deliberately follow neither of the two on-disk
/// numberings (C raft and go-dqlite disagree), and 0 is left unused so that an
/// uninitialised value is never mistaken for a voter. Convert with <see cref="RaftRoles"/>.
/// </remarks>
public enum RaftRole
{
    /// <summary>Votes in elections and counts towards quorum.</summary>
    Voter = 1,

    /// <summary>Replicates the log but does not vote; promoted first when a voter is lost.</summary>
    StandBy = 2,

    /// <summary>Neither votes nor replicates.</summary>
    Spare = 3,
}
