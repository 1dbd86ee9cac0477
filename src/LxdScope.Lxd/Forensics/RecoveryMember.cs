using LxdScope.Lxd.Raft;

namespace LxdScope.Lxd.Forensics;

/// <summary>One member as the recovery plan sees it.</summary>
/// <param name="Name">The member's name as given (NAME=DIR) or as reported.</param>
/// <param name="Source">Where its position comes from: a directory, or its agent's report through the collector.</param>
/// <param name="Position">The (term, index) of its last raft entry; null when unknown.</param>
/// <param name="Role">Its database role (voter, stand-by, spare) when known.</param>
/// <param name="Sound">
/// True when nothing found speaks against recovering from it: for a directory, the global
/// database rebuilds from it up to its last entry; for a report, its agent found no raft log errors.
/// </param>
/// <param name="Findings">What the checks found (gaps, overlaps, checksum failures, torn tails, the trial rebuild).</param>
/// <param name="LxdDir">The member's LXD directory when the raft directory given is the live one inside it.</param>
/// <param name="Current">False when the position is remembered (its agent has gone silent), not read just now.</param>
public sealed record RecoveryMember(
    string Name,
    string Source,
    RaftPosition? Position,
    string? Role,
    bool Sound,
    IReadOnlyList<string> Findings,
    string? LxdDir = null,
    bool Current = true);
